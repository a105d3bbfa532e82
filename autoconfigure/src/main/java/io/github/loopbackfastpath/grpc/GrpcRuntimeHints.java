package io.github.loopbackfastpath.grpc;

import java.util.List;

import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The grpc-netty fields and the method {@link GrpcNettyInternals} reaches, for a native
 * image.
 *
 * @author Loopback Fast Path contributors
 */
public final class GrpcRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerType(NettyServerBuilder.class,
					(type) -> type.withField(GrpcNettyInternals.CHANNEL_FACTORY)
						.withField(GrpcNettyInternals.BOSS_POOL)
						.withField(GrpcNettyInternals.WORKER_POOL)
						.withField(GrpcNettyInternals.DEFAULT_BOSS_POOL)
						.withField(GrpcNettyInternals.DEFAULT_WORKER_POOL));
		hints.reflection()
			.registerType(NettyChannelBuilder.class,
					(type) -> type.withField(GrpcNettyInternals.CHANNEL_FACTORY)
						.withField(GrpcNettyInternals.CLIENT_POOL)
						.withField(GrpcNettyInternals.DEFAULT_CLIENT_POOL)
						.withMethod(GrpcNettyInternals.DEFAULT_PORT, List.of(), ExecutableMode.INVOKE));
	}

}
