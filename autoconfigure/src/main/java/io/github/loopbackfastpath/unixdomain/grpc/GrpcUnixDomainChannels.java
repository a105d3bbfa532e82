package io.github.loopbackfastpath.unixdomain.grpc;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import io.github.loopbackfastpath.grpc.GrpcChannelWrapper;
import io.github.loopbackfastpath.grpc.GrpcNettyInternals;
import io.github.loopbackfastpath.netty.NettyChannels;
import io.github.loopbackfastpath.registry.TrackedSocket;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.netty.NettySocketBuffers;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
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

	/**
	 * The component name of gRPC client records.
	 */
	public static final String COMPONENT = "grpc-client";

	private static final String EPOLL_SOCKET_CHANNEL = "io.netty.channel.epoll.EpollSocketChannel";

	// The transport of each channel factory seen (grpc-netty shares its default one)
	private static final Map<ChannelFactory<?>, Transport> TRANSPORTS = Collections
		.synchronizedMap(new WeakHashMap<>());

	private final UnixDomainRouter router;

	/**
	 * Create the customizer.
	 * @param router decides which connections go over AF_UNIX, and records them
	 */
	public GrpcUnixDomainChannels(UnixDomainRouter router) {
		this.router = router;
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
		return new RoutingChannels(factory, builder, loopback, this.router);
	}

	@Override
	public void unreachable(String reason) {
		this.router.notCovered(COMPONENT, reason + "; its channels stay on TCP.");
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
			GrpcTarget target = this.target;
			Path socket = isPlaintext() ? this.router.route(target.host(), target.port()) : null;
			if (socket == null) {
				return this.delegate.newChannel();
			}
			// The TCP channel is made only to learn the transport of a factory not seen
			// before, or for a connection that stays on TCP
			Transport transport = TRANSPORTS.get(this.delegate);
			Channel tcp = null;
			if (transport == null) {
				tcp = this.delegate.newChannel();
				transport = Transport.of(tcp);
				TRANSPORTS.put(this.delegate, transport);
			}
			Channel domain;
			try {
				domain = transport.connect(socket);
			}
			catch (IOException | RuntimeException ex) {
				// Nothing was sent: this very connection goes over TCP
				this.router.fellBack(COMPONENT, socket, ex);
				return (tcp != null) ? tcp : this.delegate.newChannel();
			}
			if (domain == null) {
				return (tcp != null) ? tcp : this.delegate.newChannel();
			}
			if (tcp != null) {
				tcp.unsafe().closeForcibly();
			}
			NettySocketBuffers.applyTo(domain, this.router.buffers());
			TrackedSocket record = this.router.connected(COMPONENT, socket, domain::isOpen);
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
					this.router.notCovered(COMPONENT, "Whether a channel uses TLS cannot be told with this grpc-netty "
							+ "version (" + ex + "); its connections stay on TCP.");
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
	 * The transport grpc-netty runs a factory's TCP channels on, and the AF_UNIX channel
	 * for the same event loops, connected here, so that a failed connect leaves the
	 * connection to TCP.
	 */
	private enum Transport {

		NIO {

			@Override
			Channel connect(Path socket) throws IOException {
				SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
				try {
					channel.configureBlocking(false);
					if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
						throw new IOException("The AF_UNIX connect did not complete at once (its backlog is full)");
					}
					return new NioDomainSocketChannel(channel);
				}
				catch (IOException | RuntimeException ex) {
					channel.close();
					throw ex;
				}
			}

		},

		EPOLL {

			@Override
			Channel connect(Path socket) throws IOException {
				return Epoll.connected(socket);
			}

		},

		OTHER {

			@Override
			@Nullable Channel connect(Path socket) {
				return null;
			}

		};

		static Transport of(Channel tcp) {
			if (tcp instanceof NioSocketChannel) {
				return NIO;
			}
			return tcp.getClass().getName().equals(EPOLL_SOCKET_CHANNEL) ? EPOLL : OTHER;
		}

		/**
		 * An AF_UNIX channel connected to a socket.
		 * @param socket the socket file
		 * @return the channel, or {@code null} for a transport without one
		 * @throws IOException if the connect fails
		 */
		abstract @Nullable Channel connect(Path socket) throws IOException;

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

	/**
	 * Netty's epoll domain socket channel: loaded only where grpc-netty runs on epoll.
	 */
	private static final class Epoll {

		static Channel connected(Path socket) throws IOException {
			LinuxSocket channel = LinuxSocket.newSocketDomain();
			try {
				if (!channel.connect(new DomainSocketAddress(socket.toString()))) {
					throw new IOException("The AF_UNIX connect did not complete at once (its backlog is full)");
				}
				return new EpollDomainSocketChannel(channel.intValue(), true);
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}

	}

}
