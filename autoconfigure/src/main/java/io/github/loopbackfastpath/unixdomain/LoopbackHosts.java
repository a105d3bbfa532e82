package io.github.loopbackfastpath.unixdomain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a client's host and port name, told the same way for every client adapter: a
 * loopback host without a DNS lookup, the loopback address it names, and the default port
 * of a plain {@code http://} request.
 *
 * @author Loopback Fast Path contributors
 */
public final class LoopbackHosts {

	/**
	 * The port of a plain {@code http://} request (and of a plaintext gRPC target) that
	 * names none.
	 */
	public static final int DEFAULT_HTTP_PORT = 80;

	private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

	private LoopbackHosts() {
	}

	/**
	 * Whether a host names the loopback interface, without a DNS lookup.
	 * @param host the host, as in a URI
	 * @return whether it is {@code localhost}, in 127.0.0.0/8 or {@code ::1}
	 */
	public static boolean isLoopbackHost(@Nullable String host) {
		if (host == null) {
			return false;
		}
		String name = unbracketed(host.toLowerCase(Locale.ROOT));
		return name.equals("localhost") || name.equals("::1") || name.equals("0:0:0:0:0:0:0:1")
				|| (name.startsWith("127.") && IPV4_LOOPBACK.matcher(name).matches());
	}

	/**
	 * The loopback address a host names: the address itself, or the first address this
	 * JVM resolves {@code localhost} to (from its cache or the hosts file, never DNS), as
	 * a client's default resolver does.
	 * @param host the host, as in a URI
	 * @return the address, or {@code null} if the host is not a loopback one
	 */
	public static @Nullable InetAddress loopbackAddress(@Nullable String host) {
		if (host == null || !isLoopbackHost(host)) {
			return null;
		}
		try {
			InetAddress address = InetAddress.getByName(unbracketed(host));
			return address.isLoopbackAddress() ? address : null;
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/**
	 * The port of a plain {@code http://} request.
	 * @param port the port of its URI or host, {@code -1} where none is given
	 * @return the port, {@value #DEFAULT_HTTP_PORT} where none is given
	 */
	public static int httpPort(int port) {
		return (port != -1) ? port : DEFAULT_HTTP_PORT;
	}

	private static String unbracketed(String host) {
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

}
