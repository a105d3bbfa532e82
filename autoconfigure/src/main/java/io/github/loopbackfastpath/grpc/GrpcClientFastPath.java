package io.github.loopbackfastpath.grpc;

import java.net.SocketAddress;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.netty.NettyChannels;
import io.github.loopbackfastpath.registry.Components;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import org.jspecify.annotations.Nullable;

/**
 * Gives every channel Spring Boot's gRPC channel factory creates (named channels, the
 * default channel, the application's {@code createChannel} calls) the fast path on each
 * TCP connection it opens, before connect: a reconnect or a new subchannel is a new
 * socket and a new record. A wrapper of the channel factory ({@link GrpcChannels}), so
 * its event loops, credentials and the application's customizers are kept.
 *
 * @author Loopback Fast Path contributors
 */
public final class GrpcClientFastPath implements GrpcChannelWrapper {

	private final LoopbackFastPath fastPath;

	/**
	 * Create the hook.
	 * @param fastPath the engine
	 */
	public GrpcClientFastPath(LoopbackFastPath fastPath) {
		this.fastPath = fastPath;
	}

	@Override
	public ChannelFactory<? extends Channel> wrap(ChannelFactory<? extends Channel> factory, String target,
			NettyChannelBuilder builder) {
		return (factory instanceof ConnectingChannels) ? factory : new ConnectingChannels(factory, this.fastPath);
	}

	@Override
	public void unreachable(String reason) {
		this.fastPath.notCovered(Components.GRPC_CLIENT, reason + "; its connections run without the fast path.");
	}

	@Override
	public int getOrder() {
		return IOCTL;
	}

	/**
	 * Puts a handler first in each new channel's pipeline that requests the fast path
	 * when gRPC connects the channel, with the address it connects to, and then steps
	 * aside.
	 */
	static final class ConnectingChannels implements ChannelFactory<Channel> {

		private final ChannelFactory<? extends Channel> delegate;

		private final LoopbackFastPath fastPath;

		ConnectingChannels(ChannelFactory<? extends Channel> delegate, LoopbackFastPath fastPath) {
			this.delegate = delegate;
			this.fastPath = fastPath;
		}

		@Override
		public Channel newChannel() {
			Channel channel = this.delegate.newChannel();
			channel.pipeline().addFirst(new BeforeConnect(this.fastPath));
			return channel;
		}

		@Override
		public String toString() {
			return "fast path " + this.delegate;
		}

	}

	private static final class BeforeConnect extends ChannelOutboundHandlerAdapter {

		private final LoopbackFastPath fastPath;

		BeforeConnect(LoopbackFastPath fastPath) {
			this.fastPath = fastPath;
		}

		@Override
		public void connect(ChannelHandlerContext context, SocketAddress remoteAddress,
				@Nullable SocketAddress localAddress, ChannelPromise promise) throws Exception {
			context.pipeline().remove(this);
			NettyChannels.beforeConnect(this.fastPath, Components.GRPC_CLIENT, context.channel(), remoteAddress);
			context.connect(remoteAddress, localAddress, promise);
		}

	}

}
