package io.github.loopbackfastpath.server.jetty;

import java.net.InetSocketAddress;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.engine.SocketRole;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;

import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Once a Jetty web server has started, records every connector the starter did not hook (a
 * Unix domain socket connector, a connector added after the starter's customizer) as
 * skipped, with the reason.
 *
 * @author Loopback Fast Path contributors
 */
public final class JettyConnectorCoverage implements ApplicationListener<WebServerInitializedEvent>, Ordered {

	private final LoopbackFastPath fastPath;

	/**
	 * Create the check.
	 * @param fastPath the engine
	 */
	public JettyConnectorCoverage(LoopbackFastPath fastPath) {
		this.fastPath = fastPath;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (!(event.getWebServer() instanceof JettyWebServer server)) {
			return;
		}
		for (Connector connector : server.getServer().getConnectors()) {
			if (!JettyFastPathCustomizer.isHooked(connector)) {
				int port = (connector instanceof NetworkConnector network) ? Math.max(network.getLocalPort(), 0) : 0;
				String type = connector.getClass().getName();
				String reason = type.contains("UnixDomain")
						? "Jetty listens on a Unix domain socket (" + type + "): the loopback fast path is for TCP only."
						: "The Jetty connector " + type
								+ " was added by the application or is not a ServerConnector: the starter does not hook it.";
				this.fastPath.skip(SocketRequest.unreached(SocketRole.LISTENER,
						JettyFastPathCustomizer.COMPONENT, new InetSocketAddress(port)), reason);
			}
		}
	}

	@Override
	public int getOrder() {
		return 0;
	}

}
