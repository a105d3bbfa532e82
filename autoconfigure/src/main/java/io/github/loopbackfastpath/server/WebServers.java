package io.github.loopbackfastpath.server;

import java.util.Map;

import io.github.loopbackfastpath.registry.Components;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.WebServer;

/**
 * Which library serves a web server: the one dispatcher the ioctl's listener check and
 * the same-host mode's publisher share. Told by class name, so that no absent library's
 * class is loaded.
 *
 * @author Loopback Fast Path contributors
 */
public final class WebServers {

	private static final Map<String, String> COMPONENTS = Map.of("org.springframework.boot.tomcat.TomcatWebServer",
			Components.TOMCAT, "org.springframework.boot.jetty.JettyWebServer", Components.JETTY,
			"org.springframework.boot.reactor.netty.NettyWebServer", Components.REACTOR_NETTY);

	private WebServers() {
	}

	/**
	 * The library that serves a web server.
	 * @param server a web server
	 * @return its component name, such as {@code tomcat}, or {@code null} for a server of
	 * another library
	 */
	public static @Nullable String componentOf(WebServer server) {
		for (Class<?> type = server.getClass(); type != null; type = type.getSuperclass()) {
			String component = COMPONENTS.get(type.getName());
			if (component != null) {
				return component;
			}
		}
		return null;
	}

}
