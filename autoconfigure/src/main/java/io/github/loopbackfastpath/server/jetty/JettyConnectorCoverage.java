package io.github.loopbackfastpath.server.jetty;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.NetworkChannel;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.registry.RecordsItself;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.server.WebServerCoverage;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;

import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.WebServer;

/**
 * Once a Jetty web server has started, records every connector the starter did not hook
 * (a Unix domain socket connector, a connector added after the starter's customizer) as
 * skipped, with the reason.
 *
 * @author Loopback Fast Path contributors
 */
public final class JettyConnectorCoverage implements WebServerCoverage {

	private final LoopbackFastPath fastPath;

	/**
	 * Create the check.
	 * @param fastPath the engine
	 */
	public JettyConnectorCoverage(LoopbackFastPath fastPath) {
		this.fastPath = fastPath;
	}

	@Override
	public String component() {
		return Components.JETTY;
	}

	@Override
	public void recordUnhooked(WebServer webServer) {
		if (!(webServer instanceof JettyWebServer server)) {
			return;
		}
		for (Connector connector : server.getServer().getConnectors()) {
			if (connector instanceof RecordsItself) {
				// The same-host mode's AF_UNIX connector, recorded by that mode
				continue;
			}
			if (!JettyFastPathCustomizer.isHooked(connector)) {
				int port = (connector instanceof NetworkConnector network) ? Math.max(network.getLocalPort(), 0) : 0;
				String type = connector.getClass().getName();
				String reason = isUnixDomain(connector)
						? "Jetty listens on a Unix domain socket (" + type
								+ "): the loopback fast path is for TCP only."
						: "The Jetty connector " + type
								+ " was added by the application or is not a ServerConnector: the starter does not hook it.";
				this.fastPath.skip(
						SocketRequest.unreached(SocketRole.LISTENER, Components.JETTY, new InetSocketAddress(port)),
						reason);
			}
		}
	}

	private static boolean isUnixDomain(Connector connector) {
		try {
			return connector.getTransport() instanceof NetworkChannel channel
					&& channel.getLocalAddress() instanceof UnixDomainSocketAddress;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
