package io.github.loopbackfastpath.unixdomain;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.github.loopbackfastpath.registry.TrackedSocket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The server side of the same-host mode: publishes an AF_UNIX socket beside a TCP
 * listener, {@code <directory>/<port>.sock}. Where a server of another network namespace
 * sharing the directory (another container) already serves that name, the socket is named
 * after this process's namespace, {@code <port>-net<namespace>.sock}, so that both
 * publish and each namespace's clients find their own. A stale socket file left by a
 * crashed process is replaced; a live one of this namespace, or one nobody trusted owns,
 * is never taken over: the listener is recorded as skipped with the reason.
 *
 * @author Loopback Fast Path contributors
 */
public final class UnixDomainPublisher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(UnixDomainPublisher.class);

	private final SocketDirectory directory;

	private final SocketTrust trust;

	private final NetworkNamespace namespace;

	private final UnixDomainRecorder recorder;

	private final Map<Path, PublishedSocket> published = new ConcurrentHashMap<>();

	private final List<TrackedSocket> skipped = new ArrayList<>();

	/**
	 * Create the publisher.
	 * @param directory where sockets are published
	 * @param trust whose socket files may be replaced when stale
	 * @param namespace the network namespace this process runs in
	 * @param recorder where records go
	 */
	public UnixDomainPublisher(SocketDirectory directory, SocketTrust trust, NetworkNamespace namespace,
			UnixDomainRecorder recorder) {
		this.directory = directory;
		this.trust = trust;
		this.namespace = namespace;
		this.recorder = recorder;
	}

	/**
	 * The directory the sockets are published in.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory.path();
	}

	/**
	 * The permissions of a published socket file, for servers that set them at bind.
	 * @return such as {@code rw-------}
	 */
	public String socketPermissions() {
		return this.directory.socketPermissions();
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
	 * user can reach it, given its permissions, and only then published under its name; a
	 * listener on a non-loopback address is not published, since no loopback call reaches
	 * it over TCP.
	 * @param component what serves the listener, such as {@code tomcat}
	 * @param port the TCP listener's port, which names the socket
	 * @param address the address the listener is bound to, {@code null} for a wildcard
	 * address
	 * @param binding starts the server on the socket
	 * @return the published socket, or {@code null} if it was not published
	 */
	public @Nullable PublishedSocket publish(String component, int port, @Nullable InetAddress address,
			Binding binding) {
		if (unavailable() != null || port <= 0) {
			return null;
		}
		InetAddress bound = (address != null && !address.isAnyLocalAddress()) ? address : null;
		Path socket = this.directory.socketFor(port, bound, null);
		if (bound != null && !bound.isLoopbackAddress()) {
			skip(component, socket, "The listener is bound to " + bound.getHostAddress()
					+ ", not a loopback address: no loopback call reaches it over TCP, so it is not published.");
			return null;
		}
		String refusal = this.directory.create();
		if (refusal == null) {
			refusal = this.trust.untrustedDirectory(this.directory.path());
		}
		if (refusal == null) {
			Taken taken = taken(socket);
			String namespaceId = this.namespace.id();
			if (taken != null && taken.byOtherNamespace() && namespaceId != null) {
				socket = this.directory.socketFor(port, bound, namespaceId);
				taken = taken(socket);
			}
			refusal = (taken != null) ? taken.reason() : null;
		}
		if (refusal != null) {
			skip(component, socket, refusal);
			return null;
		}
		PublishedSocket publishedSocket = new PublishedSocket(port, bound, socket, component);
		Path staged;
		Serving server;
		try {
			staged = this.directory.staging(socket);
			publishedSocket.staged(staged);
			server = binding.bind((staged != null) ? staged : socket, publishedSocket::accepted);
		}
		catch (Exception | LinkageError ex) {
			publishedSocket.close();
			skip(component, socket, "Binding " + component + " to " + socket + " failed: " + ex);
			return null;
		}
		publishedSocket.serving(server);
		try {
			if (staged != null) {
				this.directory.restrict(staged);
				this.directory.link(staged, socket);
			}
			else {
				this.directory.restrict(socket);
			}
		}
		catch (IOException | RuntimeException ex) {
			publishedSocket.close();
			skip(component, socket, String.valueOf(ex.getMessage()));
			return null;
		}
		publishedSocket.recorded(this.recorder.published(component, port, socket, publishedSocket::isOpen));
		this.published.put(socket, publishedSocket);
		logger.info(
				"Loopback fast path same-host mode: " + component + " on port " + port + " also listens on " + socket);
		return publishedSocket;
	}

	// Null once the socket file is free to bind, else why it is taken
	private @Nullable Taken taken(Path socket) {
		String tooLong = SocketDirectory.tooLong(socket);
		if (tooLong != null) {
			return new Taken(tooLong, false);
		}
		if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
			return null;
		}
		if (SocketDirectory.isLive(socket)) {
			String elsewhere = this.namespace.notServedHere(socket);
			return (elsewhere != null)
					? new Taken("A server of another network namespace listens on " + socket
							+ ", and this OS does not tell this process's namespace to name a socket of its own.", true)
					: new Taken("Another live process listens on " + socket + "; it is never taken over.", false);
		}
		String untrusted = this.trust.untrustedFile(socket);
		if (untrusted != null) {
			return new Taken(untrusted + " It is left alone.", false);
		}
		try {
			Files.delete(socket);
			logger.info("Loopback fast path same-host mode: replaced the stale socket file " + socket);
			return null;
		}
		catch (IOException ex) {
			return new Taken("The stale socket file " + socket + " could not be removed: " + ex, false);
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
	 * This process's open socket that TCP would reach at a loopback address and port: the
	 * one of a listener bound to that very address, else the one of a listener bound to a
	 * wildcard address.
	 * @param address the loopback address
	 * @param port the port
	 * @return the socket file, or {@code null} if this process publishes none for it
	 */
	@Nullable Path ownSocket(InetAddress address, int port) {
		for (PublishedSocket own : this.published.values()) {
			if (own.isOpen() && own.port() == port && address.equals(own.address())) {
				return own.path();
			}
		}
		for (PublishedSocket own : this.published.values()) {
			if (own.isOpen() && own.port() == port && own.address() == null) {
				return own.path();
			}
		}
		return null;
	}

	// One of ours whose file someone removed: stop routing to it
	void fileGone(Path socket) {
		PublishedSocket own = this.published.get(socket);
		if (own != null && !Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
			own.fileRemoved();
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

	private record Taken(String reason, boolean byOtherNamespace) {
	}

	/**
	 * How a server starts serving on an AF_UNIX socket (named apart from
	 * {@link ServerBinder}, which makes one for a web server, and from Spring Boot's
	 * property {@code Binder}).
	 */
	@FunctionalInterface
	public interface Binding {

		/**
		 * Start serving on the socket.
		 * @param socket the socket file to bind
		 * @param accepted to run for every connection accepted on it
		 * @return what serves the socket
		 * @throws Exception if the server could not bind
		 */
		Serving bind(Path socket, Runnable accepted) throws Exception;

	}

}
