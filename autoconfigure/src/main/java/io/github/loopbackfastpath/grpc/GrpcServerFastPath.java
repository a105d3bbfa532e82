package io.github.loopbackfastpath.grpc;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.netty.NettyChannels;
import io.github.loopbackfastpath.registry.Components;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ServerChannel;

import org.springframework.core.Ordered;
import org.springframework.grpc.server.ServerBuilderCustomizer;

/**
 * Gives the Netty-based gRPC server Spring Boot builds (and any
 * {@link NettyServerBuilder} it is applied to) the fast path on each listening channel,
 * before bind, on the epoll and the NIO transport. The builder's channel factory is
 * wrapped, so its address, port, event loops, TLS, keepalive and every other setting stay
 * as configured; it runs after the application's customizers, so that it wraps the
 * channel type they chose.
 *
 * @author Loopback Fast Path contributors
 */
public final class GrpcServerFastPath implements ServerBuilderCustomizer<NettyServerBuilder>, Ordered {

	private final LoopbackFastPath fastPath;

	/**
	 * Create the hook.
	 * @param fastPath the engine
	 */
	public GrpcServerFastPath(LoopbackFastPath fastPath) {
		this.fastPath = fastPath;
	}

	@Override
	public void customize(NettyServerBuilder builder) {
		try {
			GrpcNettyInternals.wrapServerChannelFactory(builder, (factory) -> (factory instanceof ListeningChannels)
					? factory : new ListeningChannels(factory, this.fastPath));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			this.fastPath.notCovered(Components.GRPC,
					"The channel factory of this grpc-netty version cannot be reached (" + ex
							+ "); its listening sockets run without the fast path.");
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * Requests the fast path on each new, unbound server channel, and counts what it
	 * accepts.
	 */
	static final class ListeningChannels implements ChannelFactory<ServerChannel> {

		private final ChannelFactory<? extends ServerChannel> delegate;

		private final LoopbackFastPath fastPath;

		ListeningChannels(ChannelFactory<? extends ServerChannel> delegate, LoopbackFastPath fastPath) {
			this.delegate = delegate;
			this.fastPath = fastPath;
		}

		@Override
		public ServerChannel newChannel() {
			ServerChannel channel = this.delegate.newChannel();
			NettyChannels.beforeBind(this.fastPath, Components.GRPC, channel);
			return channel;
		}

		@Override
		public String toString() {
			return "fast path " + this.delegate;
		}

	}

}
