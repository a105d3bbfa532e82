package io.github.loopbackfastpath.client.httpclient5;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HttpClient5RuntimeHints}: every field {@link HttpClient5Internals}
 * reaches is registered, and exists in this HttpClient version.
 */
class HttpClient5RuntimeHintsTests {

	@Test
	void registersTheFieldsTheHookReaches() {
		RuntimeHints hints = new RuntimeHints();
		new HttpClient5RuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection()
			.onFieldAccess(HttpClientBuilder.class, HttpClient5Internals.CONNECTION_MANAGER)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onFieldAccess(PoolingHttpClientConnectionManager.class, HttpClient5Internals.CONNECTION_OPERATOR))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onFieldAccess(DefaultHttpClientConnectionOperator.class, HttpClient5Internals.DETACHED_SOCKET_FACTORY))
			.accepts(hints);
	}

}
