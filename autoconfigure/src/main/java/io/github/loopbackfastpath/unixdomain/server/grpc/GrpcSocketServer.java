package io.github.loopbackfastpath.unixdomain.server.grpc;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.loopbackfastpath.grpc.GrpcNettyInternals;
import io.github.loopbackfastpath.netty.NettyDomainTransport;
import io.github.loopbackfastpath.netty.NettySocketBuffers;
import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import io.github.loopbackfastpath.unixdomain.SocketBuffers;
import io.github.loopbackfastpath.unixdomain.server.AcceptedConnections;
import io.github.loopbackfastpath.unixdomain.server.PublishedSocket;
import io.github.loopbackfastpath.unixdomain.server.Serving;
import io.github.loopbackfastpath.unixdomain.server.SocketOnly;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * The gRPC server on the published socket, beside the one Spring Boot started: a second
 * grpc-netty server, on Netty's epoll domain socket channel where Netty has epoll (as
 * grpc-netty's TCP server runs on Linux), else on NIO, serving the same service
 * definitions (with the interceptors Spring gRPC applied to them), on grpc-netty's shared
 * event loops, where its TCP server and channels run by default (a separate pool cost new
 * connections their tail latency). It has the TCP server's settings
 * ({@link GrpcServerSettings}: {@code spring.grpc.server.*} and the application's
 * {@code ServerBuilderCustomizer}s). A TLS server is not published: its clients keep TLS
 * on TCP. Its calls carry a mark in their gRPC {@link Context}
 * ({@link #isUnixDomainCall()}), for the {@code transport} key of their observations.
 *
 * @author Loopback Fast Path contributors
 */
public final class GrpcSocketServer implements ApplicationListener<GrpcServerStartedEvent>, SmartLifecycle {

	private static final Context.Key<Boolean> UNIX_DOMAIN_CALL = Context.key("loopback-fast-path-unix-domain");

	private final SocketPublisher sockets;

	private final Environment environment;

	private final SocketBuffers buffers;

	private final @Nullable GrpcServerSettings settings;

	private volatile @Nullable PublishedSocket published;

	/**
	 * Create the gRPC server on the socket.
	 * @param sockets publishes the socket
	 * @param environment to tell a TLS server
	 * @param buffers the buffer size asked for on each accepted connection
	 * @param settings the settings of Spring Boot's gRPC server, {@code null} where they
	 * cannot be read (Spring Boot 4.0)
	 */
	public GrpcSocketServer(SocketPublisher sockets, Environment environment, SocketBuffers buffers,
			@Nullable GrpcServerSettings settings) {
		this.sockets = sockets;
		this.environment = environment;
		this.buffers = buffers;
		this.settings = settings;
	}

	@Override
	public void onApplicationEvent(GrpcServerStartedEvent event) {
		int port = event.getPort();
		if (port > 0 && this.sockets.isSocketOnly(SocketOnly.GRPC)) {
			// Listed as socket-only, yet on TCP: a server the starter could not build
			throw new IllegalStateException("loopback.fast-path.unix-domain.socket-only lists grpc, but the gRPC "
					+ "server opened TCP port " + port + ": "
					+ ((this.settings != null) ? "it was not built by Spring Boot's NettyGrpcServerFactory"
							: "the settings of this Spring Boot version's gRPC server cannot be read (Spring Boot "
									+ "4.1 and later)")
					+ ". Remove grpc from it.");
		}
		if (port <= 0 || this.sockets.unavailable() != null) {
			return;
		}
		if (this.environment.getProperty("spring.grpc.server.ssl.enabled", Boolean.class, false)
				|| this.environment.containsProperty("spring.grpc.server.ssl.bundle")) {
			this.sockets.skip(Components.GRPC, port,
					"The gRPC server uses TLS: its clients keep TLS on TCP, so an AF_UNIX socket would not be used.");
			return;
		}
		GrpcServerSettings settings = this.settings;
		if (settings == null) {
			this.sockets.skip(Components.GRPC, port,
					"The settings of this Spring Boot version's gRPC server cannot be read, "
							+ "so a server on an AF_UNIX socket would not have them (Spring Boot 4.1 and later).");
			return;
		}
		Server server = event.getServer();
		this.published = this.sockets.publish(Components.GRPC, port, boundAddress(server),
				(socket, accepted) -> bind(server, socket, accepted, this.buffers, settings));
	}

	@Override
	public void start() {
		// Published when Spring gRPC's server starts
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	/**
	 * Shut the socket's server down gracefully, in the phase of Spring gRPC's own server.
	 * @param callback to run once it is down
	 */
	@Override
	public void stop(Runnable callback) {
		PublishedSocket published = this.published;
		this.published = null;
		if (published != null) {
			published.shutDownGracefully(callback);
		}
		else {
			callback.run();
		}
	}

	@Override
	public boolean isRunning() {
		return this.published != null;
	}

	@Override
	public int getPhase() {
		// Spring gRPC's GrpcServerLifecycle
		return Integer.MAX_VALUE;
	}

	// The address of the server's TCP listener, null for a wildcard one
	private static @Nullable InetAddress boundAddress(Server server) {
		for (SocketAddress address : server.getListenSockets()) {
			if (address instanceof InetSocketAddress inet) {
				return inet.getAddress();
			}
		}
		return null;
	}

	private static Serving bind(Server tcp, Path socket, AcceptedConnections accepted, SocketBuffers buffers,
			GrpcServerSettings settings) throws Exception {
		Built built = build(socket, accepted, buffers, settings, tcp.getServices());
		List<EventLoopGroup> ownGroups = built.ownGroups();
		Server server;
		try {
			server = built.server().start();
		}
		catch (Exception | LinkageError ex) {
			shutDown(ownGroups);
			throw ex;
		}
		Duration gracePeriod = settings.gracePeriod();
		return new Serving() {

			@Override
			public void shutDownGracefully(Runnable done) {
				// As Spring gRPC shuts its TCP server down: no new call, the calls in
				// flight finish within spring.grpc.server.shutdown.grace-period
				Serving.drainInTheBackground(this, done);
			}

			@Override
			public void close() throws InterruptedException {
				server.shutdown();
				if (!server.awaitTermination(gracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
					server.shutdownNow();
				}
				shutDown(ownGroups);
			}

		};
	}

	/**
	 * Build a gRPC server on an AF_UNIX socket with the settings of Spring Boot's, its
	 * calls marked and given their caller's identity.
	 * @param socket the socket file to bind
	 * @param accepted to tell of every connection accepted on it
	 * @param buffers the buffer size asked for on each accepted connection
	 * @param settings the settings of Spring Boot's gRPC server
	 * @param services the services to serve, with the interceptors Spring gRPC applied
	 * @return the server, not started, and the event loops of its own to shut down after
	 * it
	 */
	static Built build(Path socket, AcceptedConnections accepted, SocketBuffers buffers, GrpcServerSettings settings,
			List<ServerServiceDefinition> services) {
		NettyDomainTransport transport = NettyDomainTransport.forServer();
		NettyServerBuilder builder = NettyServerBuilder.forAddress(transport.address(socket));
		// The TCP server's settings first; the socket's transport after, so that no
		// customizer's choice of channel or event loops applies to it
		settings.applyTo(builder);
		List<EventLoopGroup> ownGroups = eventLoops(builder, transport);
		GrpcPeers peers = new GrpcPeers(accepted);
		builder.channelFactory(peers.serverChannels(transport.serverChannelType()))
			// grpc-netty sets SO_KEEPALIVE on every accepted connection, which
			// an AF_UNIX one does not have: Netty would warn once per connection
			.withChildOption(ChannelOption.SO_KEEPALIVE, null)
			.addTransportFilter(peers)
			.intercept(new UnixDomainCalls());
		NettySocketBuffers.applyTo(builder::withChildOption, buffers.size());
		for (ServerServiceDefinition service : services) {
			builder.addService(service);
		}
		return new Built(builder.build(), ownGroups);
	}

	static void shutDown(List<EventLoopGroup> groups) {
		for (EventLoopGroup group : groups) {
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		}
	}

	// grpc-netty's shared event loops, where its TCP server and channels run by default:
	// a pool of its own cost each new connection its tail latency (measured). Where
	// grpc-netty's fields differ, groups of the server's own, shut down with it.
	private static List<EventLoopGroup> eventLoops(NettyServerBuilder builder, NettyDomainTransport transport) {
		try {
			GrpcNettyInternals.useDefaultEventLoops(builder);
			return List.of();
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			EventLoopGroup boss = transport.group(1, "grpc-unix-domain-boss");
			EventLoopGroup workers = transport.group(0, "grpc-unix-domain");
			builder.bossEventLoopGroup(boss).workerEventLoopGroup(workers);
			return List.of(boss, workers);
		}
	}

	/**
	 * Whether the current gRPC call came in over the AF_UNIX socket, while grpc-java runs
	 * one of the call's handlers.
	 * @return whether it did
	 */
	public static boolean isUnixDomainCall() {
		return Boolean.TRUE.equals(UNIX_DOMAIN_CALL.get());
	}

	/**
	 * A server on the socket, not started, and the event loops of its own.
	 *
	 * @param server the server
	 * @param ownGroups the event loops to shut down after it
	 */
	record Built(Server server, List<EventLoopGroup> ownGroups) {
	}

	/**
	 * Marks every call of the AF_UNIX server in its {@link Context}, with its caller's
	 * identity ({@link GrpcPeerIdentity}), around the handlers of all other interceptors
	 * (those Spring gRPC applied to the services are inside).
	 */
	private static final class UnixDomainCalls implements ServerInterceptor {

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			Context context = Context.current().withValue(UNIX_DOMAIN_CALL, Boolean.TRUE);
			PeerIdentity peer = call.getAttributes().get(GrpcPeerIdentity.ATTRIBUTE);
			if (peer != null) {
				context = context.withValue(GrpcPeerIdentity.KEY, peer);
			}
			return Contexts.interceptCall(context, call, headers, next);
		}

	}

}
