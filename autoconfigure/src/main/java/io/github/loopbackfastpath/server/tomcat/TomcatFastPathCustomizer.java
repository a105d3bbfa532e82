package io.github.loopbackfastpath.server.tomcat;

import java.net.InetSocketAddress;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.engine.SocketRole;
import org.apache.catalina.connector.Connector;

import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes a Tomcat web server (servlet or reactive, application or management) use
 * {@link FastPathHttp11NioProtocol}, unless the application chose a protocol of its own, which
 * is kept and recorded as skipped. Runs last, so that it sees the application's choice.
 *
 * @author Loopback Fast Path contributors
 */
public final class TomcatFastPathCustomizer implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

	/**
	 * The component name of Tomcat's records.
	 */
	public static final String COMPONENT = "tomcat";

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
			protocol.useFastPath(this.fastPath, COMPONENT);
			return;
		}
		SocketRequest request = new SocketRequest(SocketRole.LISTENER, COMPONENT, null, null,
				new InetSocketAddress(Math.max(connector.getPort(), 0)), null);
		this.fastPath.skip(request,
				"The application chose the Tomcat protocol " + connector.getProtocolHandlerClassName()
						+ "; the starter only hooks " + TomcatWebServerFactory.DEFAULT_PROTOCOL
						+ " and does not replace the application's choice.");
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
