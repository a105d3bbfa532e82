package io.github.loopbackfastpath.server.netty;

import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.server.WebServerCoverage;

/**
 * Names the records of a Reactor Netty web server. Its one listening channel is created
 * through the hooked loop resources, so nothing else is left unhooked.
 *
 * @author Loopback Fast Path contributors
 */
public final class NettyServerCoverage implements WebServerCoverage {

	@Override
	public String component() {
		return Components.REACTOR_NETTY;
	}

}
