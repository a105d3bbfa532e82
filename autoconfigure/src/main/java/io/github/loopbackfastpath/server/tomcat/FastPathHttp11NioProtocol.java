package io.github.loopbackfastpath.server.tomcat;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's HTTP/1.1 NIO protocol with an endpoint that requests the loopback fast path on
 * its listening socket. Spring Boot binds late ({@code bindOnInit=false}), so a connector
 * lifecycle listener never sees the socket before the acceptor runs; the endpoint itself
 * does.
 * <p>
 * Tomcat creates the protocol by class name; {@link TomcatFastPathCustomizer} chooses it
 * and hands it the engine.
 *
 * @author Loopback Fast Path contributors
 */
public class FastPathHttp11NioProtocol extends Http11NioProtocol {

	/**
	 * Create the protocol, as Tomcat does by reflection.
	 */
	public FastPathHttp11NioProtocol() {
		super(new FastPathNioEndpoint());
	}

	/**
	 * Give the endpoint the engine it reports to. Until then it leaves its socket alone.
	 * @param fastPath the engine
	 * @param component the component name for records
	 */
	void useFastPath(LoopbackFastPath fastPath, String component) {
		((FastPathNioEndpoint) getEndpoint()).useFastPath(fastPath, component);
	}

}
