package io.github.loopbackfastpath.jdk;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdkRuntimeHints}: everything {@link SunNioCh} reads reflectively is
 * registered.
 */
class JdkRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void registersTheNativeSocketRoutesAndTheFastLoopbackField() throws Exception {
		new JdkRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SunNioCh.SEL_CH_IMPL, "getFDVal"))
			.accepts(this.hints);
		for (String implementation : SunNioCh.CHANNEL_IMPLEMENTATIONS) {
			assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(implementation, SunNioCh.FD_VAL))
				.accepts(this.hints);
		}
		Class<?> net = Class.forName(SunNioCh.NET);
		String fastLoopback = Arrays.stream(SunNioCh.FAST_LOOPBACK_FIELDS)
			.filter((name) -> Arrays.stream(net.getDeclaredFields()).anyMatch((field) -> field.getName().equals(name)))
			.findFirst()
			.orElseThrow();
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(net, fastLoopback)).accepts(this.hints);
	}

}
