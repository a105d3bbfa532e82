package io.github.loopbackfastpath.client.reactor;

import org.jspecify.annotations.Nullable;
import reactor.netty.transport.ClientTransportConfig;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The fields {@link ReactorNettyInternals} reads, for a native image.
 *
 * @author Loopback Fast Path contributors
 */
public final class ReactorNettyRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerType(ClientTransportConfig.class,
					(type) -> type.withField(ReactorNettyInternals.RESOLVED_ADDRESSES_SELECTOR));
	}

}
