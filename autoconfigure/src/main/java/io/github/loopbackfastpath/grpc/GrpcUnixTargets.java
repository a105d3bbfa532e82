package io.github.loopbackfastpath.grpc;

import java.net.SocketAddress;
import java.nio.file.Path;

import io.github.loopbackfastpath.netty.NettyChannels;
import io.github.loopbackfastpath.netty.NettyDomainSockets;
import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.SocketRole;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import org.jspecify.annotations.Nullable;

/**
 * Records the connections of the channels the application points at {@code unix:} targets
 * (Spring gRPC builds those on Netty's domain socket channel): AF_UNIX clients, no ioctl,
 * recorded with their socket file once connected, whichever of the ioctl and the
 * same-host mode is on. Neither of them records these channels, so each connection is one
 * record.
 *
 * @author Loopback Fast Path contributors
 */
public final class GrpcUnixTargets implements GrpcChannelWrapper {

	private final SocketRegistry registry;

	/**
	 * Create the recorder.
	 * @param registry where the records go
	 */
	public GrpcUnixTargets(SocketRegistry registry) {
		this.registry = registry;
	}

	@Override
	public ChannelFactory<? extends Channel> wrap(ChannelFactory<? extends Channel> factory, String target,
			NettyChannelBuilder builder) {
		return target.startsWith("unix:") ? new RecordingChannels(factory, this.registry) : factory;
	}

	@Override
	public void unreachable(String reason) {
		this.registry.notCovered(Components.GRPC_CLIENT + "-unix",
				reason + "; connections of channels to unix: targets are not " + "recorded.");
	}

	@Override
	public int getOrder() {
		return UNIX_TARGETS;
	}

	private record RecordingChannels(ChannelFactory<? extends Channel> delegate,
			SocketRegistry registry) implements ChannelFactory<Channel> {

		@Override
		public Channel newChannel() {
			Channel channel = this.delegate.newChannel();
			channel.pipeline().addFirst(new RecordConnect(this.registry));
			return channel;
		}

	}

	private static final class RecordConnect extends ChannelOutboundHandlerAdapter {

		private final SocketRegistry registry;

		RecordConnect(SocketRegistry registry) {
			this.registry = registry;
		}

		@Override
		public void connect(ChannelHandlerContext context, SocketAddress remoteAddress,
				@Nullable SocketAddress localAddress, ChannelPromise promise) {
			context.pipeline().remove(this);
			Path path = NettyDomainSockets.path(remoteAddress);
			if (path != null) {
				Channel channel = context.channel();
				promise.addListener((future) -> {
					if (future.isSuccess()) {
						record(channel, path);
					}
				});
			}
			context.connect(remoteAddress, localAddress, promise);
		}

		private void record(Channel channel, Path path) {
			SocketRecord record = this.registry.registerUnixDomain(SocketRole.CLIENT, Components.GRPC_CLIENT,
					FastPathStatus.NOT_APPLICABLE,
					"A channel to a unix: target: an AF_UNIX socket, no TCP, so no loopback fast path to request.",
					path, NettyChannels.live(channel));
			NettyChannels.closeWith(channel, record);
		}

	}

}
