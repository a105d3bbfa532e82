package io.github.loopbackfastpath.client.httpclient5;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The fields {@link HttpClient5Internals} reads and writes, for a native image.
 *
 * @author Loopback Fast Path contributors
 */
public final class HttpClient5RuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerType(HttpClientBuilder.class, (type) -> type.withField(HttpClient5Internals.CONNECTION_MANAGER));
		hints.reflection()
			.registerType(PoolingHttpClientConnectionManager.class,
					(type) -> type.withField(HttpClient5Internals.CONNECTION_OPERATOR));
		hints.reflection()
			.registerType(DefaultHttpClientConnectionOperator.class,
					(type) -> type.withField(HttpClient5Internals.DETACHED_SOCKET_FACTORY)
						.withField(HttpClient5Internals.DNS_RESOLVER));
	}

}
