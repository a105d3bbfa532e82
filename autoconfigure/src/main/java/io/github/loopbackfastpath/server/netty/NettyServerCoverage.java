package io.github.loopbackfastpath.server.netty;

import io.github.loopbackfastpath.server.WebServerCoverage;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.WebServer;

/**
 * Names the records of a Reactor Netty web server. Its one listening channel is created
 * through the hooked loop resources, so nothing else is left unhooked.
 *
 * @author Loopback Fast Path contributors
 */
public final class NettyServerCoverage implements WebServerCoverage {

	@Override
	public @Nullable String componentOf(WebServer server) {
		return (server instanceof NettyWebServer) ? NettyServerFastPathCustomizer.COMPONENT : null;
	}

}
