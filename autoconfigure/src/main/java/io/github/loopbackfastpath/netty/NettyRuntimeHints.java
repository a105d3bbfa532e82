package io.github.loopbackfastpath.netty;

import java.util.List;

import io.netty.channel.nio.AbstractNioChannel;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The Netty method {@link NettyChannels} calls reflectively, for a native image.
 *
 * @author Loopback Fast Path contributors
 */
public final class NettyRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerType(AbstractNioChannel.class,
					(type) -> type.withMethod(NettyChannels.JAVA_CHANNEL_METHOD, List.of(), ExecutableMode.INVOKE));
	}

}
