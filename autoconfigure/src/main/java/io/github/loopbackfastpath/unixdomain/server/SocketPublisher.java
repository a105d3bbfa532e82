package io.github.loopbackfastpath.unixdomain.server;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.github.loopbackfastpath.registry.TrackedSocket;
import io.github.loopbackfastpath.unixdomain.OwnSockets;
import io.github.loopbackfastpath.unixdomain.SocketDirectory;
import io.github.loopbackfastpath.unixdomain.SocketPermissions;
import io.github.loopbackfastpath.unixdomain.UnixDomainRecorder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Publishes an AF_UNIX socket beside a TCP listener, the one publisher of the same-host
 * mode: takes the name the {@link SocketDirectory} gives, binds the server in a private
 * place ({@link SocketStaging}), gives the socket its {@link SocketPermissions}, links it
 * under its name, records it and adds it to the {@link OwnSockets} the router reads. A
 * listener that cannot be published is recorded as skipped with the reason.
 *
 * @author Loopback Fast Path contributors
 */
public final class SocketPublisher implements AutoCloseable, ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(SocketPublisher.class);

	private final SocketDirectory directory;

	private final SocketPermissions permissions;

	private final OwnSockets own;

	private final UnixDomainRecorder recorder;

	private final PeerReader peers;

	private final Map<Path, PublishedSocket> published = new ConcurrentHashMap<>();

	private final List<TrackedSocket> skipped = new ArrayList<>();

	/**
	 * Create the publisher.
	 * @param directory where sockets are published, and under which name
	 * @param permissions what a published socket gets
	 * @param own where this process's sockets are told to the router
	 * @param recorder where records go
	 * @param peers reads the peer of each accepted connection
	 */
	public SocketPublisher(SocketDirectory directory, SocketPermissions permissions, OwnSockets own,
			UnixDomainRecorder recorder, PeerReader peers) {
		this.directory = directory;
		this.permissions = permissions;
		this.own = own;
		this.recorder = recorder;
		this.peers = peers;
	}

	/**
	 * The directory the sockets are published in.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory.path();
	}

	/**
	 * Why this JVM cannot use AF_UNIX sockets.
	 * @return the reason, or {@code null} if it can
	 */
	public @Nullable String unavailable() {
		return this.directory.unavailable();
	}

	/**
	 * Publish an AF_UNIX socket beside a TCP listener. The socket is bound where no other
	 * user can reach it, given its permissions, and only then published under its name.
	 * @param component what serves the listener, such as {@code tomcat}
	 * @param port the TCP listener's port, which names the socket
	 * @param address the address the listener is bound to, {@code null} for a wildcard
	 * address
	 * @param serving starts the server on the socket
	 * @return the published socket, or {@code null} if it was not published
	 */
	public @Nullable PublishedSocket publish(String component, int port, @Nullable InetAddress address,
			Serving.Factory serving) {
		if (unavailable() != null || port <= 0) {
			return null;
		}
		SocketDirectory.Claim claim = this.directory.claim(port, address);
		Path socket = claim.socket();
		if (claim.refusal() != null) {
			skip(component, socket, claim.refusal());
			return null;
		}
		InetAddress bound = claim.address();
		PublishedSocket publishedSocket = new PublishedSocket(port, bound, socket, component, this.own);
		try {
			Path staged = SocketStaging.of(socket);
			publishedSocket.staged(staged);
			AcceptedConnections connections = new AcceptedConnections(this.peers, publishedSocket::accepted);
			publishedSocket.connections(connections);
			publishedSocket.serving(serving.serve((staged != null) ? staged : socket, connections));
		}
		catch (Exception | LinkageError ex) {
			publishedSocket.close();
			skip(component, socket, "Binding " + component + " to " + socket + " failed: " + ex);
			return null;
		}
		try {
			Path staged = publishedSocket.staged();
			this.permissions.restrict((staged != null) ? staged : socket);
			if (staged != null) {
				SocketStaging.link(staged, socket);
			}
		}
		catch (IOException | RuntimeException ex) {
			publishedSocket.close();
			skip(component, socket, String.valueOf(ex.getMessage()));
			return null;
		}
		this.own.add(socket, port, bound);
		publishedSocket.recorded(this.recorder.published(component, port, socket, publishedSocket::isOpen));
		this.published.put(socket, publishedSocket);
		logger.info(
				"Loopback fast path same-host mode: " + component + " on port " + port + " also listens on " + socket);
		return publishedSocket;
	}

	/**
	 * Once the application is ready, and only if it published a socket, prepare what
	 * reads its callers' ids, off the start-up and off the first connection.
	 * @param event the application is ready
	 */
	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!this.published.isEmpty()) {
			this.peers.prepareInTheBackground();
		}
	}

	/**
	 * Record a listener the mode leaves on TCP only, with the reason.
	 * @param component what serves the listener
	 * @param port its TCP port
	 * @param reason why it is not published
	 */
	public void skip(String component, int port, String reason) {
		skip(component, this.directory.socketFor(port), reason);
	}

	private void skip(String component, Path socket, String reason) {
		logger.warn("Loopback fast path same-host mode: " + component + " stays on TCP only: " + reason);
		TrackedSocket record = this.recorder.skipped(component, socket, reason);
		synchronized (this.skipped) {
			this.skipped.add(record);
		}
	}

	/**
	 * The sockets published now, by port.
	 * @return the published sockets
	 */
	public Map<Integer, PublishedSocket> published() {
		Map<Integer, PublishedSocket> open = new TreeMap<>();
		this.published.values().forEach((socket) -> {
			if (socket.isOpen()) {
				open.putIfAbsent(socket.port(), socket);
			}
		});
		return open;
	}

	/**
	 * Remove every published socket and its file.
	 */
	@Override
	public void close() {
		this.published.values().forEach(PublishedSocket::close);
		this.published.clear();
		synchronized (this.skipped) {
			this.skipped.forEach(TrackedSocket::closed);
			this.skipped.clear();
		}
	}

}
