package io.github.loopbackfastpath.server.tomcat;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.registry.Components;
import org.apache.catalina.connector.Connector;

import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes a Tomcat web server (servlet or reactive, application or management) use
 * {@link FastPathHttp11NioProtocol}, unless the application chose a protocol of its own,
 * which is kept ({@link TomcatConnectorCoverage} records it as skipped). Runs last, so
 * that it sees the application's choice.
 *
 * @author Loopback Fast Path contributors
 */
public final class TomcatFastPathCustomizer implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

	private final LoopbackFastPath fastPath;

	/**
	 * Create a customizer.
	 * @param fastPath the engine
	 */
	public TomcatFastPathCustomizer(LoopbackFastPath fastPath) {
		this.fastPath = fastPath;
	}

	@Override
	public void customize(TomcatWebServerFactory factory) {
		if (TomcatWebServerFactory.DEFAULT_PROTOCOL.equals(factory.getProtocol())) {
			factory.setProtocol(FastPathHttp11NioProtocol.class.getName());
		}
		factory.addConnectorCustomizers(this::customize);
	}

	private void customize(Connector connector) {
		if (connector.getProtocolHandler() instanceof FastPathHttp11NioProtocol protocol) {
			protocol.useFastPath(this.fastPath, Components.TOMCAT);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
