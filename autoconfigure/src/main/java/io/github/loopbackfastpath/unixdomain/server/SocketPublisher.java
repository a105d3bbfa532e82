package io.github.loopbackfastpath.unixdomain.server;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import io.github.loopbackfastpath.registry.TrackedSocket;
import io.github.loopbackfastpath.unixdomain.OwnSockets;
import io.github.loopbackfastpath.unixdomain.SocketDirectory;
import io.github.loopbackfastpath.unixdomain.SocketPermissions;
import io.github.loopbackfastpath.unixdomain.UnixDomainRecorder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
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

	private static final String SOCKET_ONLY = "loopback.fast-path.unix-domain.socket-only";

	private final SocketDirectory directory;

	private final SocketPermissions permissions;

	private final OwnSockets own;

	private final UnixDomainRecorder recorder;

	private final PeerReader peers;

	private final Set<SocketOnly> socketOnly;

	private final Map<Path, PublishedSocket> published = new ConcurrentHashMap<>();

	private final Map<SocketOnly, PublishedSocket> reserved = new ConcurrentHashMap<>();

	private final Set<SocketOnly> started = ConcurrentHashMap.newKeySet();

	private final Map<SocketOnly, PublishedSocket> startedSockets = new ConcurrentHashMap<>();

	private final List<TrackedSocket> skipped = new ArrayList<>();

	private volatile @Nullable FutureTask<@Nullable Void> preparation;

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
		this(directory, permissions, own, recorder, peers, Set.of());
	}

	/**
	 * Create the publisher.
	 * @param directory where sockets are published, and under which name
	 * @param permissions what a published socket gets
	 * @param own where this process's sockets are told to the router
	 * @param recorder where records go
	 * @param peers reads the peer of each accepted connection
	 * @param socketOnly the servers that listen on their socket only
	 */
	public SocketPublisher(SocketDirectory directory, SocketPermissions permissions, OwnSockets own,
			UnixDomainRecorder recorder, PeerReader peers, Set<SocketOnly> socketOnly) {
		this.directory = directory;
		this.permissions = permissions;
		this.own = own;
		this.recorder = recorder;
		this.peers = peers;
		this.socketOnly = Set.copyOf(socketOnly);
	}

	/**
	 * Whether a server listens on its socket only
	 * ({@code loopback.fast-path.unix-domain.socket-only}).
	 * @param server the server
	 * @return whether it has no TCP listener
	 */
	public boolean isSocketOnly(SocketOnly server) {
		return this.socketOnly.contains(server);
	}

	/**
	 * The directory the sockets are published in.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory.path();
	}

	/**
	 * Why this JVM cannot use AF_UNIX sockets. Waits for what is being prepared in the
	 * background, if anything.
	 * @return the reason, or {@code null} if it can
	 */
	public @Nullable String unavailable() {
		awaitPreparation();
		return this.directory.unavailable();
	}

	/**
	 * Prepare, on a thread of its own while the application's servers start, what
	 * publishing needs and no port decides: whether this JVM can open AF_UNIX sockets,
	 * the directory (created if it is missing, and checked, see
	 * {@link SocketDirectory#prepare()}) and what the binders prepare (their connectors'
	 * classes). The first publication waits for it instead of doing it on the thread that
	 * starts the application; what fails here is done again, and reported, there.
	 * @param binders what the binders prepare
	 */
	public void prepareInTheBackground(List<Runnable> binders) {
		if (this.preparation != null) {
			return;
		}
		FutureTask<@Nullable Void> preparation = new FutureTask<>(() -> {
			this.directory.prepare();
			binders.forEach(Runnable::run);
		}, null);
		this.preparation = preparation;
		try {
			Thread thread = new Thread(preparation, "loopback-fast-path-socket-preparation");
			thread.setDaemon(true);
			thread.start();
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			// No thread to spare: publishing does it all itself
			this.preparation = null;
		}
	}

	private void awaitPreparation() {
		FutureTask<@Nullable Void> preparation = this.preparation;
		if (preparation == null || preparation.isDone()) {
			return;
		}
		try {
			preparation.get();
		}
		catch (ExecutionException ex) {
			// Done again, and reported, by the publication itself
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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
		PublishedSocket socket;
		try {
			socket = claim(component, port, address, false);
		}
		catch (Refusal ex) {
			skip(component, ex.socket, String.valueOf(ex.getMessage()));
			return null;
		}
		catch (IOException ex) {
			skip(component, port, "Binding " + component + " to an AF_UNIX socket failed: " + ex);
			return null;
		}
		try {
			socket.serving(serving.serve(socket.bindPath(), socket.connections()));
			complete(socket);
		}
		catch (Exception | LinkageError ex) {
			socket.close();
			skip(component, socket.path(), (ex instanceof Refusal) ? String.valueOf(ex.getMessage())
					: "Binding " + component + " to " + socket.path() + " failed: " + ex);
			return null;
		}
		return socket;
	}

	/**
	 * Reserve the socket of a server that listens on it only, before the server is built:
	 * its name, and the private place the server binds
	 * ({@link PublishedSocket#bindPath()}). There is no TCP listener to fall back to, so
	 * what stops it fails start-up.
	 * @param server which server it is
	 * @param component what serves it, such as {@code tomcat}
	 * @param port the server's configured port, which names the socket
	 * @param address the address configured for the server, {@code null} for none
	 * @return the reserved socket
	 */
	public PublishedSocket reserve(SocketOnly server, String component, int port, @Nullable InetAddress address) {
		String unavailable = unavailable();
		if (unavailable != null) {
			throw new IllegalStateException(listensOnItsSocketOnly(server) + ", which this JVM cannot serve: "
					+ unavailable + " Remove it from " + SOCKET_ONLY + " to serve on TCP.");
		}
		if (port <= 0) {
			throw new InvalidConfigurationPropertyValueException(server.portProperty(), port,
					"A server that listens on its AF_UNIX socket only (" + SOCKET_ONLY + ") needs a fixed port, "
							+ "which names its socket <directory>/<port>.sock for a proxy's configuration: set "
							+ server.portProperty() + " to one.");
		}
		try {
			PublishedSocket socket = claim(component, port, address, true);
			PublishedSocket previous = this.reserved.put(server, socket);
			if (previous != null) {
				previous.close();
			}
			return socket;
		}
		catch (Exception ex) {
			throw new IllegalStateException(
					listensOnItsSocketOnly(server) + " and cannot on port " + port + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Publish the reserved socket of a server that listens on it only, once the server
	 * started on it.
	 * @param server which server it is
	 * @param serving what serves the socket: the server itself
	 * @return the published socket, or {@code null} if none was reserved for it
	 */
	public @Nullable PublishedSocket started(SocketOnly server, Serving serving) {
		PublishedSocket socket = this.reserved.remove(server);
		if (socket == null) {
			// Started again (Lifecycle stop and start, a checkpoint and restore): its
			// own listener bound the same private place again, and its name, which the
			// stop removed, is published again
			PublishedSocket previous = this.startedSockets.get(server);
			if (previous != null && !previous.isOpen() && !previous.isClosed()) {
				completeSocketOnly(server, previous);
			}
			return null;
		}
		this.started.add(server);
		this.startedSockets.put(server, socket);
		socket.serving(serving);
		completeSocketOnly(server, socket);
		return socket;
	}

	// There is no TCP listener to fall back to: what stops it fails start-up
	private void completeSocketOnly(SocketOnly server, PublishedSocket socket) {
		try {
			complete(socket);
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw new IllegalStateException(
					listensOnItsSocketOnly(server) + " and " + socket.path() + " could not be published: " + ex, ex);
		}
	}

	private static String listensOnItsSocketOnly(SocketOnly server) {
		return "The " + server.name().toLowerCase(Locale.ROOT) + " listens on its AF_UNIX socket only (" + SOCKET_ONLY
				+ ")";
	}

	// Its name, and where the server binds it before it has its permissions
	private PublishedSocket claim(String component, int port, @Nullable InetAddress address, boolean socketOnly)
			throws Refusal, IOException {
		SocketDirectory.Claim claim = this.directory.claim(port, address);
		Path path = claim.socket();
		String refusal = claim.refusal();
		if (refusal != null) {
			throw new Refusal(path, refusal);
		}
		PublishedSocket socket = new PublishedSocket(port, claim.address(), path, component, socketOnly, this.own);
		try {
			socket.staged(SocketStaging.of(path));
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
		socket.connections(new AcceptedConnections(this.peers, socket::accepted));
		return socket;
	}

	// Its permissions, then its name, the router and the record
	private void complete(PublishedSocket socket) throws IOException {
		Path path = socket.path();
		Path staged = socket.staged();
		try {
			this.permissions.restrict((staged != null) ? staged : path);
			if (staged != null) {
				SocketStaging.link(staged, path);
			}
		}
		catch (IOException | RuntimeException ex) {
			throw new Refusal(path, String.valueOf(ex.getMessage()));
		}
		this.own.add(path, socket.port(), socket.address(), socket.isSocketOnly());
		socket.recorded(this.recorder.published(socket.component(), socket.port(), path, socket.isSocketOnly(),
				socket::isOpen));
		this.published.put(path, socket);
		logger.info("Loopback fast path same-host mode: " + socket.component() + " on port " + socket.port()
				+ (socket.isSocketOnly() ? " listens on " + path + " only, with no TCP listener"
						: " also listens on " + path));
	}

	/**
	 * Once the application is ready, and only if it published a socket, prepare what
	 * reads its callers' ids, off the start-up and off the first connection.
	 * @param event the application is ready
	 */
	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		for (SocketOnly server : this.socketOnly) {
			if (!this.started.contains(server)) {
				throw new InvalidConfigurationPropertyValueException(SOCKET_ONLY, this.socketOnly,
						"It lists " + server.name().toLowerCase(Locale.ROOT)
								+ ", which this application does not have: " + server.missing() + " Remove "
								+ server.name().toLowerCase(Locale.ROOT) + " from it.");
			}
		}
		if (!this.published.isEmpty()) {
			this.peers.prepareInTheBackground();
		}
	}

	/**
	 * Record a server listed as socket-only that the mode leaves as it is, with the
	 * reason (a gRPC server that already listens on Spring Boot's own domain socket).
	 * @param server the server
	 * @param component what serves it
	 * @param port its configured port
	 * @param reason why the mode leaves it
	 */
	public void leave(SocketOnly server, String component, int port, String reason) {
		this.started.add(server);
		skip(component, port, reason);
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
		this.reserved.values().forEach(PublishedSocket::close);
		this.reserved.clear();
		synchronized (this.skipped) {
			this.skipped.forEach(TrackedSocket::closed);
			this.skipped.clear();
		}
	}

	/**
	 * Why a socket is not published.
	 */
	private static final class Refusal extends IOException {

		private final transient Path socket;

		Refusal(Path socket, String reason) {
			super(reason);
			this.socket = socket;
		}

	}

}
