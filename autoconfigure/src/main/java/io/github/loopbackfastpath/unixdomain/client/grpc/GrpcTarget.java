package io.github.loopbackfastpath.unixdomain.client.grpc;

import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.Nullable;

/**
 * The host and port a gRPC channel's target names, in the forms Spring Boot and grpc-java
 * take: {@code host:port}, {@code [::1]:port}, {@code static://host:port},
 * {@code tcp://host:port} (Spring Boot's virtual targets) and {@code dns:///host:port}.
 * Only the host and port are read; whether they are loopback is the router's decision. A
 * target without a port, or with another scheme, names no host and port here.
 *
 * @param host the host, as written
 * @param port the port
 * @author Loopback Fast Path contributors
 */
record GrpcTarget(String host, int port) {

	/**
	 * Read a channel's target.
	 * @param target the target, as Spring Boot passes it to the channel's customizers
	 * @return its host and port, or {@code null} if it does not name both
	 */
	static @Nullable GrpcTarget parse(String target) {
		String authority = authority(target.trim());
		if (authority == null || authority.isEmpty()) {
			return null;
		}
		try {
			// A server-based authority: host and port, brackets kept for IPv6
			URI server = new URI("//" + authority).parseServerAuthority();
			if (server.getHost() == null || server.getPort() <= 0 || server.getUserInfo() != null) {
				return null;
			}
			return new GrpcTarget(server.getHost(), server.getPort());
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static @Nullable String authority(String target) {
		for (String scheme : new String[] { "static://", "tcp://" }) {
			if (target.startsWith(scheme)) {
				return withoutPath(target.substring(scheme.length()));
			}
		}
		if (target.startsWith("dns:")) {
			// dns:///host:port, or dns://resolver/host:port
			String rest = target.substring("dns:".length());
			if (rest.startsWith("//")) {
				int slash = rest.indexOf('/', 2);
				return (slash >= 0) ? withoutPath(rest.substring(slash + 1)) : null;
			}
			return withoutPath(rest.startsWith("/") ? rest.substring(1) : rest);
		}
		// Any other scheme (unix:, in-process:, xds:, ...) is not a host and port
		return target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:[^0-9\\[].*") ? null : withoutPath(target);
	}

	private static String withoutPath(String authority) {
		int slash = authority.indexOf('/');
		return (slash >= 0) ? authority.substring(0, slash) : authority;
	}

}
