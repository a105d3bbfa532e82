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
		return httpClient(ReactorClientHttpConnector.class, connector);
	}

	static HttpClient httpClient(ReactorClientHttpRequestFactory factory) throws ReflectiveOperationException {
		return httpClient(ReactorClientHttpRequestFactory.class, factory);
	}

	private static HttpClient httpClient(Class<?> type, Object owner) throws ReflectiveOperationException {
		Field field = type.getDeclaredField(HTTP_CLIENT_FIELD);
		field.setAccessible(true);
		Object value = field.get(owner);
		if (value == null) {
			throw new NoSuchFieldException(
					"The " + type.getSimpleName() + "'s HttpClient is not created yet (lazy start)");
		}
		return (HttpClient) value;
	}

}
