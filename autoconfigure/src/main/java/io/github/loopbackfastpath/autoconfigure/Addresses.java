package io.github.loopbackfastpath.autoconfigure;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;

/**
 * Formats socket addresses the way people write them: {@code 127.0.0.1:8080},
 * {@code [::1]:8080}.
 *
 * @author Loopback Fast Path contributors
 */
public final class Addresses {

	private Addresses() {
	}

	/**
	 * Format an address.
	 * @param address the address
	 * @return the text, or {@code null} for no address
	 */
	public static @Nullable String format(@Nullable InetSocketAddress address) {
		if (address == null) {
			return null;
		}
		String host = (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
		if (address.getAddress() instanceof Inet6Address) {
			int scope = host.indexOf('%');
			host = "[" + ((scope >= 0) ? host.substring(0, scope) : host) + "]";
		}
		return host + ":" + address.getPort();
	}

}
