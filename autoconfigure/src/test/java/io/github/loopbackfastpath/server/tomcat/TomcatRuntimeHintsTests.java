package io.github.loopbackfastpath.server.tomcat;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TomcatRuntimeHints}.
 */
class TomcatRuntimeHintsTests {

	@Test
	void registersTheProtocolThatTomcatCreatesByName() throws Exception {
		RuntimeHints hints = new RuntimeHints();
		new TomcatRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(FastPathHttp11NioProtocol.class.getConstructor())).accepts(hints);
	}

}
