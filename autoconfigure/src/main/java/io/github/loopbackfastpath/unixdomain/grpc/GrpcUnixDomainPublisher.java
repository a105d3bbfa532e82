package io.github.loopbackfastpath.unixdomain.grpc;

import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.loopbackfastpath.unixdomain.UnixDomainPublisher;
import io.grpc.Attributes;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServerTransportFilter;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * Publishes an AF_UNIX socket beside the gRPC server Spring Boot started: a second
 * grpc-netty server, on Netty's NIO domain socket channel, serving the same service
 * definitions (with the interceptors Spring gRPC applied to them). It takes grpc-java's
 * default transport settings, not those of the TCP server's builder. A TLS server is not
 * published: its clients keep TLS on TCP.
 *
 * @author Loopback Fast Path contributors
 */
public final class GrpcUnixDomainPublisher implements ApplicationListener<GrpcServerStartedEvent> {

	private static final String COMPONENT = "grpc";

	private final UnixDomainPublisher sockets;

	private final Environment environment;

	/**
	 * Create the publisher.
	 * @param sockets publishes the sockets
	 * @param environment to tell a TLS server
	 */
	public GrpcUnixDomainPublisher(UnixDomainPublisher sockets, Environment environment) {
		this.sockets = sockets;
		this.environment = environment;
	}

	@Override
	public void onApplicationEvent(GrpcServerStartedEvent event) {
		int port = event.getPort();
		if (port <= 0 || this.sockets.unavailable() != null) {
			return;
		}
		if (this.environment.getProperty("spring.grpc.server.ssl.enabled", Boolean.class, false)
				|| this.environment.containsProperty("spring.grpc.server.ssl.bundle")) {
			this.sockets.skip(COMPONENT, port,
					"The gRPC server uses TLS: its clients keep TLS on TCP, so an AF_UNIX socket would not be used.");
			return;
		}
		Server server = event.getServer();
		this.sockets.publish(COMPONENT, port, (socket, accepted) -> bind(server, socket, accepted));
	}

	private static AutoCloseable bind(Server tcp, Path socket, Runnable accepted) throws Exception {
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("grpc-unix-domain", true),
				NioIoHandler.newFactory());
		try {
			NettyServerBuilder builder = NettyServerBuilder.forAddress(UnixDomainSocketAddress.of(socket))
				.channelType(NioServerDomainSocketChannel.class)
				.bossEventLoopGroup(group)
				.workerEventLoopGroup(group)
				.addTransportFilter(new AcceptCounter(accepted));
			for (ServerServiceDefinition service : tcp.getServices()) {
				builder.addService(service);
			}
			Server server = builder.build().start();
			return () -> {
				server.shutdown();
				if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
					server.shutdownNow();
				}
				group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
			};
		}
		catch (Exception | LinkageError ex) {
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
			throw ex;
		}
	}

	/**
	 * Counts the connections the AF_UNIX socket accepts: grpc-java makes one transport
	 * per connection.
	 */
	private static final class AcceptCounter extends ServerTransportFilter {

		private final Runnable accepted;

		AcceptCounter(Runnable accepted) {
			this.accepted = accepted;
		}

		@Override
		public Attributes transportReady(Attributes attributes) {
			this.accepted.run();
			return attributes;
		}

	}

}
