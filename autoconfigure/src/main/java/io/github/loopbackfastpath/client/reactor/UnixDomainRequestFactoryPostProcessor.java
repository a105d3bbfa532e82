package io.github.loopbackfastpath.client.reactor;

import io.github.loopbackfastpath.unixdomain.UnixDomainSockets;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ReactorClientHttpRequestFactory;

/**
 * Puts a {@link UnixDomainRoutingRequestFactory} in front of every Reactor Netty request
 * factory that Spring Boot's {@link ClientHttpRequestFactoryBuilder} bean builds, the
 * ones of {@code RestClient.Builder} and {@code RestTemplateBuilder} included. Factories
 * of other clients are left as they are (HttpClient 5 is routed by its own hook).
 *
 * @author Loopback Fast Path contributors
 */
public final class UnixDomainRequestFactoryPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<UnixDomainSockets> sockets;

	/**
	 * Create the post-processor.
	 * @param sockets the same-host mode, looked up when the first factory is built
	 */
	public UnixDomainRequestFactoryPostProcessor(ObjectProvider<UnixDomainSockets> sockets) {
		this.sockets = sockets;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ClientHttpRequestFactoryBuilder<?> builder) {
			ClientHttpRequestFactoryBuilder<ClientHttpRequestFactory> routing = (settings) -> route(
					builder.build(settings));
			return routing;
		}
		return bean;
	}

	private ClientHttpRequestFactory route(ClientHttpRequestFactory factory) {
		if (!(factory instanceof ReactorClientHttpRequestFactory reactor)) {
			return factory;
		}
		UnixDomainSockets sockets = this.sockets.getObject();
		try {
			return new UnixDomainRoutingRequestFactory(reactor, ReactorConnectorInternals.httpClient(reactor), sockets);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			sockets.notCovered(UnixDomainRoutingConnector.COMPONENT + "-request-factory (AF_UNIX)",
					"A Reactor Netty request factory cannot be routed over AF_UNIX (" + ex
							+ "); its requests stay on TCP.");
			return factory;
		}
	}

}
