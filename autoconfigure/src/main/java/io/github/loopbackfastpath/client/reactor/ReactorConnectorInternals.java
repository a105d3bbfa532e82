package io.github.loopbackfastpath.client.reactor;

import java.lang.reflect.Field;

import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * The one place that reads Spring Framework's {@link ReactorClientHttpConnector} and
 * {@link ReactorClientHttpRequestFactory} internals: the {@link HttpClient} each was
 * built with, so the AF_UNIX client keeps the application's configuration. See
 * {@link ReactorConnectorRuntimeHints}.
 *
 * @author Loopback Fast Path contributors
 */
final class ReactorConnectorInternals {

	static final String HTTP_CLIENT_FIELD = "httpClient";

	private ReactorConnectorInternals() {
	}

	static HttpClient httpClient(ReactorClientHttpConnector connector) throws ReflectiveOperationException {
		Field field = ReactorClientHttpConnector.class.getDeclaredField(HTTP_CLIENT_FIELD);
		field.setAccessible(true);
		Object value = field.get(connector);
		if (value == null) {
			throw new NoSuchFieldException("The connector's HttpClient is not created yet (lazy start)");
		}
		return (HttpClient) value;
	}

	static HttpClient httpClient(ReactorClientHttpRequestFactory factory) throws ReflectiveOperationException {
		Field field = ReactorClientHttpRequestFactory.class.getDeclaredField(HTTP_CLIENT_FIELD);
		field.setAccessible(true);
		Object value = field.get(factory);
		if (value == null) {
			throw new NoSuchFieldException("The request factory's HttpClient is not created yet (lazy start)");
		}
		return (HttpClient) value;
	}

}
