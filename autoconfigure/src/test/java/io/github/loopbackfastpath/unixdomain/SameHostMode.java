package io.github.loopbackfastpath.unixdomain;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import io.github.loopbackfastpath.registry.SocketRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The same-host mode's publisher and router over one directory, as the auto-configuration
 * wires them for the current user only, for tests.
 */
public final class SameHostMode implements AutoCloseable {

	private final UnixDomainPublisher publisher;

	private final UnixDomainRouter router;

	public SameHostMode(Path directory, SocketRegistry registry) {
		SocketDirectory socketDirectory = new SocketDirectory(directory, null);
		SocketTrust trust = SocketTrust.currentUserOnly();
		NetworkNamespace namespace = NetworkNamespace.current();
		RegistryRecorder recorder = new RegistryRecorder(registry);
		this.publisher = new UnixDomainPublisher(socketDirectory, trust, namespace, recorder);
		this.router = new UnixDomainRouter(this.publisher, socketDirectory, trust, namespace, recorder,
				new SocketBuffers(1024 * 1024));
	}

	public UnixDomainPublisher publisher() {
		return this.publisher;
	}

	public UnixDomainRouter router() {
		return this.router;
	}

	public @Nullable PublishedSocket publish(String component, int port, UnixDomainPublisher.Binding binding) {
		return this.publisher.publish(component, port, null, binding);
	}

	public @Nullable PublishedSocket publish(String component, int port, @Nullable InetAddress address,
			UnixDomainPublisher.Binding binding) {
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
