package io.github.loopbackfastpath.unixdomain;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.unixdomain.client.ClientConnections;
import io.github.loopbackfastpath.unixdomain.server.PeerReader;
import io.github.loopbackfastpath.unixdomain.server.PublishedSocket;
import io.github.loopbackfastpath.unixdomain.server.Serving;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import org.jspecify.annotations.Nullable;

/**
 * The same-host mode's publisher and router over one directory, as the auto-configuration
 * wires them for the current user only, for tests.
 */
public final class SameHostMode implements AutoCloseable {

	private final SocketPublisher publisher;

	private final UnixDomainRouter router;

	private final ClientConnections connections;

	public SameHostMode(Path directory, SocketRegistry registry) {
		SocketTrust trust = SocketTrust.currentUserOnly();
		NetworkNamespace namespace = NetworkNamespace.current();
		SocketPermissions permissions = new SocketPermissions(null);
		SocketDirectory socketDirectory = new SocketDirectory(directory, permissions, trust, namespace);
		RegistryRecorder recorder = new RegistryRecorder(registry);
		OwnSockets own = new OwnSockets();
		this.publisher = new SocketPublisher(socketDirectory, permissions, own, recorder,
				new PeerReader(ChannelHandles.detect()));
		this.router = new UnixDomainRouter(own, socketDirectory, trust, namespace);
		this.connections = new ClientConnections(recorder, new SocketBuffers(1024 * 1024));
	}

	public SocketPublisher publisher() {
		return this.publisher;
	}

	public UnixDomainRouter router() {
		return this.router;
	}

	public ClientConnections connections() {
		return this.connections;
	}

	public @Nullable PublishedSocket publish(String component, int port, Serving.Factory binding) {
		return this.publisher.publish(component, port, null, binding);
	}

	public @Nullable PublishedSocket publish(String component, int port, @Nullable InetAddress address,
			Serving.Factory binding) {
		return this.publisher.publish(component, port, address, binding);
	}

	public @Nullable Path route(URI uri) {
		return this.router.route(uri);
	}

	public @Nullable Path route(String host, int port) {
		return this.router.route(host, port);
	}

	public Map<Integer, PublishedSocket> published() {
		return this.publisher.published();
	}

	@Override
	public void close() {
		this.publisher.close();
	}

}
