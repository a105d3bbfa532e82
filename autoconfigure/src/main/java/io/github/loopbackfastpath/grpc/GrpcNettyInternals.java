package io.github.loopbackfastpath.grpc;

import java.lang.reflect.Method;
import java.util.function.UnaryOperator;

import io.github.loopbackfastpath.reflect.InternalFields;
import io.grpc.internal.ObjectPool;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import org.jspecify.annotations.Nullable;

/**
 * Every reflective access to grpc-netty's builders, which offer no way to wrap the
 * channel factory they were given or chose. A builder checks that the channel factory and
 * the event loop groups are either all its defaults or all provided; when they are the
 * defaults, each default pool is handed back behind a delegating pool, so the server or
 * channel runs on exactly the event loops and channel type it would have used.
 * {@link GrpcRuntimeHints} registers these fields for a native image.
 *
 * @author Loopback Fast Path contributors
 */
public final class GrpcNettyInternals {

	static final String CHANNEL_FACTORY = "channelFactory";

	static final String BOSS_POOL = "bossEventLoopGroupPool";

	static final String WORKER_POOL = "workerEventLoopGroupPool";

	static final String DEFAULT_BOSS_POOL = "DEFAULT_BOSS_EVENT_LOOP_GROUP_POOL";

	static final String DEFAULT_WORKER_POOL = "DEFAULT_WORKER_EVENT_LOOP_GROUP_POOL";

	static final String CLIENT_POOL = "eventLoopGroupPool";

	static final String DEFAULT_CLIENT_POOL = "DEFAULT_EVENT_LOOP_GROUP_POOL";

	static final String DEFAULT_PORT = "getDefaultPort";

	private static final int PLAINTEXT_PORT = 80;

	private static volatile @Nullable Method defaultPortMethod;

	private GrpcNettyInternals() {
	}

	/**
	 * Wrap the server channel factory of a server builder.
	 * @param builder the builder
	 * @param wrapper wraps the builder's channel factory
	 * @throws ReflectiveOperationException if grpc-netty's fields differ
	 */
	@SuppressWarnings("unchecked")
	static void wrapServerChannelFactory(NettyServerBuilder builder,
			UnaryOperator<ChannelFactory<? extends ServerChannel>> wrapper) throws ReflectiveOperationException {
		ChannelFactory<? extends ServerChannel> current = (ChannelFactory<? extends ServerChannel>) InternalFields
			.read(NettyServerBuilder.class, CHANNEL_FACTORY, builder);
		providePool(builder, NettyServerBuilder.class, BOSS_POOL, DEFAULT_BOSS_POOL);
		providePool(builder, NettyServerBuilder.class, WORKER_POOL, DEFAULT_WORKER_POOL);
		InternalFields.write(NettyServerBuilder.class, CHANNEL_FACTORY, builder, wrapper.apply(current));
	}

	/**
	 * Let a server builder take another channel type on grpc-netty's shared default event
	 * loops, those its TCP servers and channels run on.
	 * @param builder the builder, still on its default event loop groups
	 * @throws ReflectiveOperationException if grpc-netty's fields differ
	 */
	public static void useDefaultEventLoops(NettyServerBuilder builder) throws ReflectiveOperationException {
		providePool(builder, NettyServerBuilder.class, BOSS_POOL, DEFAULT_BOSS_POOL);
		providePool(builder, NettyServerBuilder.class, WORKER_POOL, DEFAULT_WORKER_POOL);
	}

	/**
	 * Wrap the channel factory of a channel builder.
	 * @param builder the builder
	 * @param wrapper wraps the builder's channel factory
	 * @throws ReflectiveOperationException if grpc-netty's fields differ
	 */
	@SuppressWarnings("unchecked")
	public static void wrapChannelFactory(NettyChannelBuilder builder,
			UnaryOperator<ChannelFactory<? extends Channel>> wrapper) throws ReflectiveOperationException {
		ChannelFactory<? extends Channel> current = (ChannelFactory<? extends Channel>) InternalFields
			.read(NettyChannelBuilder.class, CHANNEL_FACTORY, builder);
		providePool(builder, NettyChannelBuilder.class, CLIENT_POOL, DEFAULT_CLIENT_POOL);
		InternalFields.write(NettyChannelBuilder.class, CHANNEL_FACTORY, builder, wrapper.apply(current));
	}

	/**
	 * Whether a channel builder negotiates plaintext HTTP/2: its protocol negotiator's
	 * default port is 80 (grpc-netty's plaintext negotiators), where TLS ones say 443.
	 * @param builder the builder, as it is when the channel connects
	 * @return whether the channel is plaintext
	 * @throws ReflectiveOperationException if grpc-netty's method differs
	 */
	public static boolean isPlaintext(NettyChannelBuilder builder) throws ReflectiveOperationException {
		Method defaultPort = defaultPortMethod;
		if (defaultPort == null) {
			defaultPort = NettyChannelBuilder.class.getDeclaredMethod(DEFAULT_PORT);
			defaultPort.setAccessible(true);
			defaultPortMethod = defaultPort;
		}
		return ((Integer) defaultPort.invoke(builder)) == PLAINTEXT_PORT;
	}

	@SuppressWarnings("unchecked")
	private static void providePool(Object builder, Class<?> type, String poolField, String defaultPoolField)
			throws ReflectiveOperationException {
		Object defaultPool = InternalFields.read(type, defaultPoolField, null);
		Object current = InternalFields.read(type, poolField, builder);
		if (current != null && current == defaultPool) {
			InternalFields.write(type, poolField, builder,
					new DelegatingPool((ObjectPool<? extends EventLoopGroup>) current));
		}
	}

	/**
	 * gRPC's own default pool, behind an object of its own.
	 */
	private static final class DelegatingPool implements ObjectPool<EventLoopGroup> {

		private final ObjectPool<? extends EventLoopGroup> delegate;

		DelegatingPool(ObjectPool<? extends EventLoopGroup> delegate) {
			this.delegate = delegate;
		}

		@Override
		public EventLoopGroup getObject() {
			return this.delegate.getObject();
		}

		@Override
		public EventLoopGroup returnObject(Object object) {
			return this.delegate.returnObject(object);
		}

	}

}
