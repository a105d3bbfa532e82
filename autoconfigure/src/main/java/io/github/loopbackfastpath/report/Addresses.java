package io.github.loopbackfastpath.report;

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
			host = "[" + compress((scope >= 0) ? host.substring(0, scope) : host) + "]";
		}
		return host + ":" + address.getPort();
	}

	// The JDK writes every IPv6 group; people write the longest run of zero groups as ::
	// (RFC 5952)
	static String compress(String ipv6) {
		String[] groups = ipv6.split(":", -1);
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < groups.length; i++) {
			int length = 0;
			while (i + length < groups.length && groups[i + length].matches("0+")) {
				length++;
			}
			if (length > bestLength) {
				bestStart = i;
				bestLength = length;
			}
		}
		StringBuilder result = new StringBuilder();
		for (int i = 0; i < groups.length; i++) {
			if (i == bestStart) {
				result.append((i == 0) ? "::" : ":");
				i += bestLength - 1;
				continue;
			}
			result.append(groups[i].replaceFirst("^0+(?=.)", ""));
			if (i < groups.length - 1) {
				result.append(':');
			}
		}
		return result.toString();
	}

}
