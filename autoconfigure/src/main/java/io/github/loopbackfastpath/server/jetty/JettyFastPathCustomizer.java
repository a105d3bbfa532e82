package io.github.loopbackfastpath.server.jetty;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.registry.Components;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Hooks every {@link ServerConnector} of a Jetty web server (servlet or reactive,
 * application or management). Spring Boot starts the {@code Server} before its
 * connectors, so a listener registered on each connector runs before the connector opens
 * its channel. Connectors of other kinds are left to the coverage check, which records
 * them as skipped.
 *
 * @author Loopback Fast Path contributors
 */
public final class JettyFastPathCustomizer implements WebServerFactoryCustomizer<JettyWebServerFactory>, Ordered {

	private final LoopbackFastPath fastPath;

	/**
	 * Create a customizer.
	 * @param fastPath the engine
	 */
	public JettyFastPathCustomizer(LoopbackFastPath fastPath) {
		this.fastPath = fastPath;
	}

	@Override
	public void customize(JettyWebServerFactory factory) {
		factory.addServerCustomizers(this::customize);
	}

	private void customize(Server server) {
		for (Connector connector : server.getConnectors()) {
			if (connector instanceof ServerConnector serverConnector
					&& serverConnector.getBean(FastPathConnectorOpener.class) == null) {
				FastPathConnectorOpener opener = new FastPathConnectorOpener(serverConnector, this.fastPath,
						Components.JETTY);
				serverConnector.addBean(opener, false);
				serverConnector.addEventListener(opener);
				serverConnector.getSelectorManager().addEventListener(opener);
			}
		}
	}

	/**
	 * Whether a connector was hooked by this customizer.
	 * @param connector a connector
	 * @return whether it opens its channel with the fast path
	 */
	public static boolean isHooked(Connector connector) {
		return connector instanceof ServerConnector serverConnector
				&& serverConnector.getBean(FastPathConnectorOpener.class) != null;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
