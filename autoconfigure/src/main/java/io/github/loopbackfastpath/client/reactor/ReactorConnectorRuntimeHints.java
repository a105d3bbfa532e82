package io.github.loopbackfastpath.client.reactor;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * The {@link ReactorClientHttpConnector} and {@link ReactorClientHttpRequestFactory}
 * fields {@link ReactorConnectorInternals} reads, for a native image.
 *
 * @author Loopback Fast Path contributors
 */
public final class ReactorConnectorRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerType(ReactorClientHttpConnector.class,
					(type) -> type.withField(ReactorConnectorInternals.HTTP_CLIENT_FIELD))
			.registerType(ReactorClientHttpRequestFactory.class,
					(type) -> type.withField(ReactorConnectorInternals.HTTP_CLIENT_FIELD));
	}

}
