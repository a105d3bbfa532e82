package io.github.loopbackfastpath.server.netty;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.reactor.netty.NettyWebServer;

/**
 * The {@link NettyWebServer} fields {@link NettyWebServerInternals} reads, for a native
 * image.
 *
 * @author Loopback Fast Path contributors
 */
public final class NettyWebServerRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerType(NettyWebServer.class, (type) -> type.withField(NettyWebServerInternals.HTTP_SERVER_FIELD)
				.withField(NettyWebServerInternals.HANDLER_FIELD));
	}

}
