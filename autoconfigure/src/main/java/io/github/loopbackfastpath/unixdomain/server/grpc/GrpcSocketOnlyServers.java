package io.github.loopbackfastpath.unixdomain.server.grpc;

import java.util.List;
import java.util.function.Supplier;

import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.unixdomain.SocketBuffers;
import io.github.loopbackfastpath.unixdomain.server.PublishedSocket;
import io.github.loopbackfastpath.unixdomain.server.SocketOnly;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.grpc.server.NettyGrpcServerFactory;

/**
 * Makes Spring Boot's gRPC server listen on its AF_UNIX socket only, when
 * {@code loopback.fast-path.unix-domain.socket-only} lists {@code grpc}: Spring Boot's
 * server factory, with its services and their interceptors, is handed to Spring gRPC's
 * lifecycle behind one that builds the server on the socket instead of a TCP port. The
 * services come from the server Spring Boot's factory builds, which is never started. A
 * server that already listens on Spring Boot's own domain socket
 * ({@code spring.grpc.server.netty.transport: domain-socket}) is left as it is, and
 * recorded with the reason.
 *
 * @author Loopback Fast Path contributors
 */
public final class GrpcSocketOnlyServers implements BeanPostProcessor {

	private final Supplier<SocketPublisher> sockets;

	private final Supplier<SocketBuffers> buffers;

	private final Supplier<GrpcServerSettings> settings;

	/**
	 * Create the post-processor; what it needs is looked up when Spring Boot's factory is
	 * made, not before.
	 * @param sockets reserves and publishes the socket
	 * @param buffers the buffer size asked for on each accepted connection
	 * @param settings the settings of Spring Boot's gRPC server
	 */
	public GrpcSocketOnlyServers(Supplier<SocketPublisher> sockets, Supplier<SocketBuffers> buffers,
			Supplier<GrpcServerSettings> settings) {
		this.sockets = sockets;
		this.buffers = buffers;
		this.settings = settings;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof NettyGrpcServerFactory factory) || bean instanceof SocketOnlyFactory) {
			return bean;
		}
		SocketPublisher sockets = this.sockets.get();
		if (!sockets.isSocketOnly(SocketOnly.GRPC)) {
			return bean;
		}
		GrpcServerSettings settings = this.settings.get();
		String domainSocket = settings.domainSocketPath();
		if (domainSocket != null) {
			sockets.leave(SocketOnly.GRPC, Components.GRPC, settings.port(),
					"The gRPC server listens on Spring Boot's own domain socket " + domainSocket
							+ " (spring.grpc.server.netty.domain-socket-path), with no TCP listener already: the "
							+ "same-host mode leaves it as it is.");
			return bean;
		}
		return new SocketOnlyFactory(factory, sockets, this.buffers.get(), settings);
	}

	/**
	 * Spring Boot's factory, building the server on the socket.
	 */
	private static final class SocketOnlyFactory extends NettyGrpcServerFactory {

		private final NettyGrpcServerFactory factory;

		private final SocketPublisher sockets;

		private final SocketBuffers buffers;

		private final GrpcServerSettings settings;

		@SuppressWarnings("NullAway")
		SocketOnlyFactory(NettyGrpcServerFactory factory, SocketPublisher sockets, SocketBuffers buffers,
				GrpcServerSettings settings) {
			super("unix:", List.of(), null, null, null);
			this.factory = factory;
			this.sockets = sockets;
			this.buffers = buffers;
			this.settings = settings;
		}

		@Override
		public Server createServer() {
			// Built, never started: no TCP listener, its services only
			Server tcp = this.factory.createServer();
			PublishedSocket socket = this.sockets.reserve(SocketOnly.GRPC, Components.GRPC, this.settings.port(),
					this.settings.address());
			return new SocketOnlyGrpcServer(GrpcSocketServer.build(socket.bindPath(), socket.connections(),
					this.buffers, this.settings, tcp.getServices()), this.sockets);
		}

		@Override
		public void addService(ServerServiceDefinition service) {
			this.factory.addService(service);
		}

		@Override
		public boolean supports(ServerInterceptor interceptor, ServerServiceDefinition service) {
			return this.factory.supports(interceptor, service);
		}

	}

}
