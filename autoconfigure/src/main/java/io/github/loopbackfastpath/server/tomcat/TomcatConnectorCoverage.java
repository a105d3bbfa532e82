package io.github.loopbackfastpath.server.tomcat;

import java.net.InetSocketAddress;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.registry.RecordsItself;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.server.WebServerCoverage;
import org.apache.catalina.connector.Connector;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServer;

/**
 * Once a Tomcat web server has started, records every connector the starter did not hook
 * (a protocol the application chose, a connector the application added) as skipped, with
 * the reason: nothing is silently left out.
 *
 * @author Loopback Fast Path contributors
 */
public final class TomcatConnectorCoverage implements WebServerCoverage {

	private final LoopbackFastPath fastPath;

	/**
	 * Create the check.
	 * @param fastPath the engine
	 */
	public TomcatConnectorCoverage(LoopbackFastPath fastPath) {
		this.fastPath = fastPath;
	}

	@Override
	public String component() {
		return Components.TOMCAT;
	}

	@Override
	public void recordUnhooked(WebServer webServer) {
		if (!(webServer instanceof TomcatWebServer server)) {
			return;
		}
		Connector main = server.getTomcat().getConnector();
		for (Connector connector : server.getTomcat().getService().findConnectors()) {
			if (connector.getProtocolHandler() instanceof RecordsItself) {
				// The same-host mode's AF_UNIX connector, recorded by that mode
				continue;
			}
			if (!(connector.getProtocolHandler() instanceof FastPathHttp11NioProtocol)) {
				String origin = (connector == main) ? "The application chose the Tomcat protocol "
						: "The application added a connector with the protocol ";
				SocketRequest request = SocketRequest.unreached(SocketRole.LISTENER, Components.TOMCAT,
						new InetSocketAddress(Math.max(connector.getLocalPort(), 0)));
				this.fastPath.skip(request, origin + connector.getProtocolHandlerClassName()
						+ "; the starter only hooks the connector Spring Boot creates with "
						+ TomcatWebServerFactory.DEFAULT_PROTOCOL + " and does not replace the application's choice.");
			}
		}
	}

}
