package io.github.loopbackfastpath.jdk;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What {@link SunNioCh} reads reflectively from the JDK, for a native image.
 *
 * @author Loopback Fast Path contributors
 */
public final class JdkRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerType(TypeReference.of(SunNioCh.SEL_CH_IMPL),
					(type) -> type.withMethod("getFDVal", java.util.List.of(), ExecutableMode.INVOKE));
		for (String implementation : SunNioCh.CHANNEL_IMPLEMENTATIONS) {
			hints.reflection()
				.registerType(TypeReference.of(implementation), (type) -> type.withField(SunNioCh.FD_VAL));
		}
		for (String field : SunNioCh.FAST_LOOPBACK_FIELDS) {
			hints.reflection().registerType(TypeReference.of(SunNioCh.NET), (type) -> type.withField(field));
		}
	}

}
