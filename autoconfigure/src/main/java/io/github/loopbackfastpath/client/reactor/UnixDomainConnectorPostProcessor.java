package io.github.loopbackfastpath.client.reactor;

import io.github.loopbackfastpath.unixdomain.UnixDomainSockets;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * Puts a {@link UnixDomainRoutingConnector} in front of every
 * {@link ReactorClientHttpConnector} bean, the one Spring Boot's
 * {@code WebClient.Builder} uses included. A connector whose client cannot be read is
 * left as it is and named on the endpoint.
 *
 * @author Loopback Fast Path contributors
 */
public final class UnixDomainConnectorPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<UnixDomainSockets> sockets;

	/**
	 * Create the post-processor.
	 * @param sockets the same-host mode, looked up when the first connector is made
	 */
	public UnixDomainConnectorPostProcessor(ObjectProvider<UnixDomainSockets> sockets) {
		this.sockets = sockets;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ReactorClientHttpConnector connector) {
			UnixDomainSockets sockets = this.sockets.getObject();
			try {
				return new UnixDomainRoutingConnector(connector, ReactorConnectorInternals.httpClient(connector),
						sockets);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				sockets.notCovered(UnixDomainRoutingConnector.COMPONENT + " (AF_UNIX)", "The connector bean '"
						+ beanName + "' cannot be routed over AF_UNIX (" + ex + "); its requests stay on TCP.");
			}
		}
		return bean;
	}

}
