package io.github.loopbackfastpath.unixdomain.server.grpc;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.loopbackfastpath.unixdomain.server.PublishedSocket;
import io.github.loopbackfastpath.unixdomain.server.SocketOnly;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import org.jspecify.annotations.Nullable;

/**
 * The gRPC server Spring gRPC's lifecycle starts and stops when it listens on its AF_UNIX
 * socket only: the socket's server, published once it started and unpublished when it
 * shuts down, before its calls in flight finish (as the TCP listener stops accepting).
 *
 * @author Loopback Fast Path contributors
 */
final class SocketOnlyGrpcServer extends Server {

	private final Server server;

	private final GrpcSocketServer.Built built;

	private final SocketPublisher sockets;

	private volatile @Nullable PublishedSocket published;

	SocketOnlyGrpcServer(GrpcSocketServer.Built built, SocketPublisher sockets) {
		this.server = built.server();
		this.built = built;
		this.sockets = sockets;
	}

	@Override
	public Server start() throws IOException {
		try {
			this.server.start();
		}
		catch (IOException | RuntimeException ex) {
			GrpcSocketServer.shutDown(this.built.ownGroups());
			throw ex;
		}
		this.published = this.sockets.started(SocketOnly.GRPC, () -> GrpcSocketServer.shutDown(this.built.ownGroups()));
		return this;
	}

	@Override
	public int getPort() {
		return this.server.getPort();
	}

	@Override
	public List<? extends SocketAddress> getListenSockets() {
		return this.server.getListenSockets();
	}

	@Override
	public List<ServerServiceDefinition> getServices() {
		return this.server.getServices();
	}

	@Override
	public List<ServerServiceDefinition> getImmutableServices() {
		return this.server.getImmutableServices();
	}

	@Override
	public List<ServerServiceDefinition> getMutableServices() {
		return this.server.getMutableServices();
	}

	@Override
	public Server shutdown() {
		PublishedSocket published = this.published;
		if (published != null) {
			// No new connection: its name goes first, as the TCP listener closes first
			published.shutDownGracefully(() -> {
			});
		}
		this.server.shutdown();
		return this;
	}

	@Override
	public Server shutdownNow() {
		shutdown();
		this.server.shutdownNow();
		return this;
	}

	@Override
	public boolean isShutdown() {
		return this.server.isShutdown();
	}

	@Override
	public boolean isTerminated() {
		return this.server.isTerminated();
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
		return this.server.awaitTermination(timeout, unit);
	}

	@Override
	public void awaitTermination() throws InterruptedException {
		this.server.awaitTermination();
	}

}
