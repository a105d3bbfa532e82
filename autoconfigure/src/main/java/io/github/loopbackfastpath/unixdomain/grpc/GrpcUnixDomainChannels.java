package io.github.loopbackfastpath.unixdomain.grpc;

import java.net.SocketAddress;
import java.nio.file.Path;

import io.github.loopbackfastpath.grpc.GrpcNettyInternals;
import io.github.loopbackfastpath.netty.NettyDomainSockets;
import io.github.loopbackfastpath.record.TrackedSocket;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.grpc.client.GrpcChannelBuilderCustomizer;

/**
 * The same-host mode for every channel Spring Boot's gRPC channel factory creates (named
 * channels, the default channel, the application's {@code createChannel} calls). A
 * channel whose target is a loopback host and port ({@link GrpcTarget}) makes each new
 * connection on the AF_UNIX socket {@link UnixDomainRouter#routeListening the router}
 * picks, when the channel is plaintext; everything else stays on TCP. Only the socket
 * changes: the target, and so the {@code :authority} the server sees, the name resolver,
 * the event loops (epoll or NIO, as grpc-netty chose), keepalive, interceptors and
 * deadlines are the channel's own. The builder's channel factory is wrapped (grpc-netty
 * has no public hook for it: see {@link GrpcNettyInternals}); a connection is never tried
 * twice, and a failed AF_UNIX connect makes the router check the socket afresh before the
 * channel's next connection. Channels to {@code unix:} targets are recorded by
 * {@code GrpcUnixTargets}, whichever mode is on.
 *
 * @author Loopback Fast Path contributors
 */
public final class GrpcUnixDomainChannels implements GrpcChannelBuilderCustomizer<NettyChannelBuilder>, Ordered {

	/**
	 * The component name of gRPC client records.
	 */
	public static final String COMPONENT = "grpc-client";

	private static final String EPOLL_SOCKET_CHANNEL = "io.netty.channel.epoll.EpollSocketChannel";

	private final UnixDomainRouter router;

	/**
	 * Create the customizer.
	 * @param router decides which connections go over AF_UNIX, and records them
	 */
	public GrpcUnixDomainChannels(UnixDomainRouter router) {
		this.router = router;
	}

	@Override
	public void customize(String target, NettyChannelBuilder builder) {
		GrpcTarget loopback = GrpcTarget.parse(target);
		if (loopback == null) {
			return;
		}
		try {
			GrpcNettyInternals.wrapChannelFactory(builder,
					(factory) -> new RoutingChannels(factory, builder, loopback, this.router));
			// grpc-netty sets SO_KEEPALIVE on every connection; an AF_UNIX one has none
			// and
			// Netty would warn once per connection. On loopback TCP (this channel's other
			// connections) the kernel's two-hour keepalive has no use either; gRPC's own
			// keepalive pings, if configured, are kept
			builder.withOption(ChannelOption.SO_KEEPALIVE, null);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			this.router.notCovered(COMPONENT, "The channel factory of this grpc-netty version cannot be reached (" + ex
					+ "); its channels stay on TCP.");
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * Makes each new connection of one channel: on the AF_UNIX socket the router picks,
	 * else on TCP as the channel would.
	 */
	private static final class RoutingChannels implements ChannelFactory<Channel> {

		private final ChannelFactory<? extends Channel> delegate;

		private final NettyChannelBuilder builder;

		private final GrpcTarget target;

		private final UnixDomainRouter router;

		private volatile @Nullable Boolean plaintext;

		RoutingChannels(ChannelFactory<? extends Channel> delegate, NettyChannelBuilder builder, GrpcTarget target,
				UnixDomainRouter router) {
			this.delegate = delegate;
			this.builder = builder;
			this.target = target;
			this.router = router;
		}

		@Override
		public Channel newChannel() {
			Channel channel = this.delegate.newChannel();
			GrpcTarget target = this.target;
			Path socket = isPlaintext() ? this.router.routeListening(target.host(), target.port()) : null;
			if (socket == null) {
				return channel;
			}
			Channel domain = domainChannelLike(channel);
			if (domain == null) {
				return channel;
			}
			channel.unsafe().closeForcibly();
			domain.pipeline().addFirst(new RecordConnect(this.router, socket));
			return domain;
		}

		// Read once the channel connects, after every customizer has run
		private boolean isPlaintext() {
			Boolean plaintext = this.plaintext;
			if (plaintext == null) {
				try {
					plaintext = GrpcNettyInternals.isPlaintext(this.builder);
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					this.router.notCovered(COMPONENT, "Whether a channel uses TLS cannot be told with this grpc-netty "
							+ "version (" + ex + "); its connections stay on TCP.");
					plaintext = false;
				}
				this.plaintext = plaintext;
			}
			return plaintext;
		}

		// An AF_UNIX channel for the event loops grpc-netty runs the TCP one on
		private static @Nullable Channel domainChannelLike(Channel tcp) {
			if (tcp instanceof NioSocketChannel) {
				return new NioDomainSocketChannel();
			}
			if (tcp.getClass().getName().equals(EPOLL_SOCKET_CHANNEL)) {
				return Epoll.domainChannel();
			}
			return null;
		}

		@Override
		public String toString() {
			return "same-host mode " + this.delegate;
		}

	}

	/**
	 * Connects the channel to its AF_UNIX socket instead of the address gRPC resolved,
	 * records the connection, and steps aside.
	 */
	private static final class RecordConnect extends ChannelOutboundHandlerAdapter {

		private final UnixDomainRouter router;

		private final Path socket;

		RecordConnect(UnixDomainRouter router, Path socket) {
			this.router = router;
			this.socket = socket;
		}

		@Override
		public void connect(ChannelHandlerContext context, SocketAddress remoteAddress,
				@Nullable SocketAddress localAddress, ChannelPromise promise) {
			context.pipeline().remove(this);
			Channel channel = context.channel();
			Path socket = this.socket;
			promise.addListener((future) -> {
				if (future.isSuccess()) {
					TrackedSocket record = this.router.connected(COMPONENT, socket, channel::isOpen);
					channel.closeFuture().addListener((closed) -> record.closed());
				}
				else {
					this.router.connectFailed(COMPONENT, socket, future.cause());
				}
			});
			context.connect(NettyDomainSockets.address(socket, !(channel instanceof NioDomainSocketChannel)),
					localAddress, promise);
		}

	}

	/**
	 * Netty's epoll domain socket channel: loaded only where grpc-netty runs on epoll.
	 */
	private static final class Epoll {

		static Channel domainChannel() {
			return new EpollDomainSocketChannel();
		}

	}

}
