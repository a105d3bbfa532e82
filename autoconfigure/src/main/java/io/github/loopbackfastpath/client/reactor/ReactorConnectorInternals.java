package io.github.loopbackfastpath.client.reactor;

import java.lang.reflect.Field;

import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * The one place that reads Spring Framework's {@link ReactorClientHttpConnector}
 * internals: the {@link HttpClient} it was built with, so the AF_UNIX client keeps the
 * application's configuration. See {@link ReactorConnectorRuntimeHints}.
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

}
