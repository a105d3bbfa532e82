package io.github.loopbackfastpath.unixdomain.client.grpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import io.github.loopbackfastpath.grpc.GrpcChannelWrapper;
import io.github.loopbackfastpath.grpc.GrpcNettyInternals;
import io.github.loopbackfastpath.netty.NettyChannels;
import io.github.loopbackfastpath.netty.NettyDomainTransport;
import io.github.loopbackfastpath.netty.NettySocketBuffers;
import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.registry.TrackedSocket;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.client.ClientConnections;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import org.jspecify.annotations.Nullable;

/**
 * The same-host mode for every channel Spring Boot's gRPC channel factory creates (named
 * channels, the default channel, the application's {@code createChannel} calls). A
 * channel whose target is a loopback host and port ({@link GrpcTarget}) makes each new
 * connection on the AF_UNIX socket {@link UnixDomainRouter#route the router} picks, when
 * the channel is plaintext; everything else stays on TCP. Only the socket changes: the
 * target, and so the {@code :authority} the server sees, the name resolver, the event
 * loops (epoll or NIO, as grpc-netty chose), keepalive, interceptors and deadlines are
 * the channel's own. It wraps the builder's channel factory, outermost of the starter's
 * wrappers ({@code GrpcChannels}; grpc-netty has no public hook for it: see
 * {@link GrpcNettyInternals}). The factory connects the AF_UNIX socket itself (a local
 * connect completes at once) and hands grpc-netty a channel that is connected already; if
 * that connect fails, nothing was sent and the very connection goes over TCP on the
 * channel grpc-netty made. Channels to {@code unix:} targets are recorded by
 * {@code GrpcUnixTargets}, whichever mode is on.
 *
 * @author Loopback Fast Path contributors
 */
public final class GrpcUnixDomainChannels implements GrpcChannelWrapper {

	// The transport of each channel factory seen (grpc-netty shares its default one)
	private static final Map<ChannelFactory<?>, NettyDomainTransport> TRANSPORTS = Collections
		.synchronizedMap(new WeakHashMap<>());

	private final UnixDomainRouter router;

	private final ClientConnections connections;

	/**
	 * Create the customizer.
	 * @param router decides which connections go over AF_UNIX
	 * @param connections records them
	 */
	public GrpcUnixDomainChannels(UnixDomainRouter router, ClientConnections connections) {
		this.router = router;
		this.connections = connections;
	}

	@Override
	public ChannelFactory<? extends Channel> wrap(ChannelFactory<? extends Channel> factory, String target,
			NettyChannelBuilder builder) {
		GrpcTarget loopback = GrpcTarget.parse(target);
		if (loopback == null) {
			return factory;
		}
		// grpc-netty sets SO_KEEPALIVE on every connection; an AF_UNIX one has none and
		// Netty would warn once per connection. On loopback TCP (this channel's other
		// connections) the kernel's two-hour keepalive has no use either; gRPC's own
		// keepalive pings, if configured, are kept
		builder.withOption(ChannelOption.SO_KEEPALIVE, null);
		return new RoutingChannels(factory, builder, loopback, this.router, this.connections);
	}

	@Override
	public void unreachable(String reason) {
		this.connections.notCovered(Components.GRPC_CLIENT, reason + "; its channels stay on TCP.");
	}

	@Override
	public int getOrder() {
		return SAME_HOST;
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

		private final ClientConnections connections;

		private volatile @Nullable Boolean plaintext;

		RoutingChannels(ChannelFactory<? extends Channel> delegate, NettyChannelBuilder builder, GrpcTarget target,
				UnixDomainRouter router, ClientConnections connections) {
			this.delegate = delegate;
			this.builder = builder;
			this.target = target;
			this.router = router;
			this.connections = connections;
		}

		@Override
		public Channel newChannel() {
			GrpcTarget target = this.target;
			Path socket = isPlaintext() ? this.router.route(target.host(), target.port()) : null;
			if (socket == null) {
				return this.delegate.newChannel();
			}
			// The TCP channel is made only to learn the transport of a factory not seen
			// before, or for a connection that stays on TCP
			NettyDomainTransport transport = TRANSPORTS.get(this.delegate);
			Channel tcp = null;
			if (transport == null) {
				tcp = this.delegate.newChannel();
				transport = NettyDomainTransport.of(tcp);
				TRANSPORTS.put(this.delegate, transport);
			}
			Channel domain;
			try {
				domain = transport.connect(socket);
			}
			catch (IOException | RuntimeException ex) {
				// Nothing was sent: this very connection goes over TCP, where there is a
				// TCP listener
				IOException noTcp = this.router.fellBack(Components.GRPC_CLIENT, socket, ex);
				if (noTcp != null) {
					if (tcp != null) {
						tcp.unsafe().closeForcibly();
					}
					throw new UncheckedIOException(noTcp);
				}
				return (tcp != null) ? tcp : this.delegate.newChannel();
			}
			if (domain == null) {
				return (tcp != null) ? tcp : this.delegate.newChannel();
			}
			if (tcp != null) {
				tcp.unsafe().closeForcibly();
			}
			NettySocketBuffers.applyTo(domain, this.connections.buffers().size());
			TrackedSocket record = this.connections.connected(Components.GRPC_CLIENT, socket, domain::isOpen);
			NettyChannels.closeWith(domain, record);
			domain.pipeline().addFirst(new AlreadyConnected());
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
					this.connections.notCovered(Components.GRPC_CLIENT,
							"Whether a channel uses TLS cannot be told with this grpc-netty " + "version (" + ex
									+ "); its connections stay on TCP.");
					plaintext = false;
				}
				this.plaintext = plaintext;
			}
			return plaintext;
		}

		@Override
		public String toString() {
			return "same-host mode " + this.delegate;
		}

	}

	/**
	 * Answers gRPC's {@code connect()} of a channel connected already, and steps aside.
	 */
	private static final class AlreadyConnected extends ChannelOutboundHandlerAdapter {

		@Override
		public void connect(ChannelHandlerContext context, SocketAddress remoteAddress,
				@Nullable SocketAddress localAddress, ChannelPromise promise) {
			context.pipeline().remove(this);
			promise.trySuccess();
		}

	}

}
