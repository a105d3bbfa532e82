package io.github.loopbackfastpath.unixdomain;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import io.github.loopbackfastpath.record.FastPathStatus;
import io.github.loopbackfastpath.record.LiveSocket;
import io.github.loopbackfastpath.record.SocketOutcome;
import io.github.loopbackfastpath.record.SocketRecord;
import io.github.loopbackfastpath.record.SocketRegistry;
import io.github.loopbackfastpath.record.SocketRole;
import io.github.loopbackfastpath.record.TrackedSocket;
import io.github.loopbackfastpath.record.Transport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The same-host mode: publishes an AF_UNIX socket beside each web server listener, named
 * after its TCP port in an owner-only directory, and tells clients which socket a plain
 * {@code http://} loopback request can go to instead of TCP. Every socket it publishes or
 * a client uses is a record with transport {@link Transport#UNIX_DOMAIN} and its path; a
 * listener it could not publish is a {@code SKIPPED} record with the reason. Nothing it
 * does fails a socket or a request: what it cannot do stays on TCP.
 *
 * @author Loopback Fast Path contributors
 */
public final class UnixDomainSockets implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(UnixDomainSockets.class);

	private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

	private final SocketDirectory directory;

	private final SocketRegistry registry;

	private final Map<Integer, PublishedSocket> published = new ConcurrentHashMap<>();

	private final List<SocketRecord> skipped = new ArrayList<>();

	private final Map<Path, Verdict> verdicts = new ConcurrentHashMap<>();

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	private volatile @Nullable String unavailable;

	private volatile boolean availabilityKnown;

	/**
	 * Create the same-host mode.
	 * @param directory the directory the sockets are published in
	 * @param registry where records go
	 */
	public UnixDomainSockets(Path directory, SocketRegistry registry) {
		this.directory = new SocketDirectory(directory);
		this.registry = registry;
	}

	/**
	 * The default socket directory: {@code loopback-fast-path} under
	 * {@code $XDG_RUNTIME_DIR} where it is set, else {@code loopback-fast-path-<user>}
	 * under the temporary directory.
	 * @return the directory
	 */
	public static Path defaultDirectory() {
		String runtime = System.getenv("XDG_RUNTIME_DIR");
		if (runtime != null && !runtime.isBlank()) {
			return Path.of(runtime, "loopback-fast-path");
		}
		return Path.of(System.getProperty("java.io.tmpdir"), "loopback-fast-path-" + SocketDirectory.currentUser());
	}

	/**
	 * The directory the sockets are published in.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory.path();
	}

	/**
	 * Why this JVM cannot use AF_UNIX sockets, found out once.
	 * @return the reason, or {@code null} if it can
	 */
	public @Nullable String unavailable() {
		if (!this.availabilityKnown) {
			String reason = null;
			try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
				// Opened and closed: the JDK and the OS can do AF_UNIX
			}
			catch (IOException | UnsupportedOperationException ex) {
				reason = "This JVM cannot open AF_UNIX sockets (" + ex + "): every connection stays on TCP.";
				logger.warn("Loopback fast path same-host mode: " + reason);
			}
			this.unavailable = reason;
			this.availabilityKnown = true;
		}
		return this.unavailable;
	}

	/**
	 * Publish an AF_UNIX socket beside a TCP listener. A stale socket file left by a
	 * crashed process is replaced; a live one, or one that is not the current user's, is
	 * never taken over: the listener is recorded as skipped with the reason.
	 * @param component what serves the listener, such as {@code tomcat}
	 * @param port the TCP listener's port, which names the socket
	 * @param binder binds the server to the socket
	 * @return the published socket, or {@code null} if it was not published
	 */
	public @Nullable PublishedSocket publish(String component, int port, Binder binder) {
		if (unavailable() != null || port <= 0) {
			return null;
		}
		Path socket = this.directory.socketFor(port);
		String refusal = prepare(socket);
		if (refusal != null) {
			skip(component, socket, refusal);
			return null;
		}
		AcceptCounter accepted = new AcceptCounter();
		AutoCloseable server;
		try {
			server = binder.bind(socket, accepted);
		}
		catch (Exception | LinkageError ex) {
			skip(component, socket, "Binding " + component + " to " + socket + " failed: " + ex);
			return null;
		}
		PublishedSocket publishedSocket = new PublishedSocket(port, socket, component, server);
		SocketRecord record = register(SocketRole.LISTENER, component, FastPathStatus.NOT_APPLICABLE,
				"Published: the requests of TCP port " + port + " are also served on this AF_UNIX socket.", socket,
				publishedSocket::isOpen);
		publishedSocket.record(record);
		accepted.record = record;
		this.published.put(port, publishedSocket);
		logger.info(
				"Loopback fast path same-host mode: " + component + " on port " + port + " also listens on " + socket);
		return publishedSocket;
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
		SocketRecord record = register(SocketRole.LISTENER, component, FastPathStatus.SKIPPED, reason, socket, null);
		synchronized (this.skipped) {
			this.skipped.add(record);
		}
	}

	// The reason the socket cannot be published, or null once it is free to bind
	private @Nullable String prepare(Path socket) {
		String tooLong = SocketDirectory.tooLong(socket);
		if (tooLong != null) {
			return tooLong;
		}
		String directory = this.directory.prepare();
		if (directory != null) {
			return directory;
		}
		if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
			return null;
		}
		String untrusted = this.directory.untrustedFile(socket);
		if (untrusted != null) {
			return untrusted + " It is left alone.";
		}
		if (SocketDirectory.isLive(socket)) {
			return "Another live process listens on " + socket + "; it is never taken over.";
		}
		try {
			Files.delete(socket);
			logger.info("Loopback fast path same-host mode: replaced the stale socket file " + socket);
			return null;
		}
		catch (IOException ex) {
			return "The stale socket file " + socket + " could not be removed: " + ex;
		}
	}

	/**
	 * The AF_UNIX socket a request can be sent to instead of TCP: only for
	 * {@code http://} on a loopback host ({@code localhost}, 127.0.0.0/8, {@code [::1]})
	 * whose port has a published socket that the current user owns, in a directory nobody
	 * else can write to, served by a process of the current user. A socket that fails a
	 * check is named in one warning.
	 * @param uri the request's URI
	 * @return the socket, or {@code null} to stay on TCP
	 */
	public @Nullable Path route(URI uri) {
		if (!"http".equalsIgnoreCase(uri.getScheme()) || !isLoopback(uri.getHost())) {
			return null;
		}
		return route(uri.getHost(), (uri.getPort() != -1) ? uri.getPort() : 80);
	}

	/**
	 * The AF_UNIX socket a plain HTTP request to a host and port can be sent to.
	 * @param host the host
	 * @param port the port
	 * @return the socket, or {@code null} to stay on TCP
	 * @see #route(URI)
	 */
	public @Nullable Path route(@Nullable String host, int port) {
		if (port <= 0 || !isLoopback(host) || unavailable() != null) {
			return null;
		}
		PublishedSocket own = this.published.get(port);
		if (own != null && own.isOpen()) {
			return own.path();
		}
		Path socket = this.directory.socketFor(port);
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return null;
		}
		Object key = Objects.requireNonNullElse(attributes.fileKey(), attributes.lastModifiedTime());
		Verdict verdict = this.verdicts.get(socket);
		if (verdict == null || !verdict.key().equals(key)) {
			verdict = judge(socket, key);
			if (verdict == null) {
				return null;
			}
			this.verdicts.put(socket, verdict);
		}
		if (verdict.reason() != null) {
			warnOnce(socket, verdict.reason());
			return null;
		}
		return socket;
	}

	private @Nullable Verdict judge(Path socket, Object key) {
		String reason = this.directory.untrustedFile(socket);
		if (reason == null) {
			try {
				reason = SocketDirectory.untrustedPeer(socket);
			}
			catch (IOException ex) {
				// Nothing listens: a stale file, TCP this time, checked again next time
				return null;
			}
		}
		return new Verdict(key, reason);
	}

	/**
	 * Record a client connection made over an AF_UNIX socket.
	 * @param component the client, such as {@code reactor-netty-client}
	 * @param socket the socket file it connected to
	 * @param isOpen whether the connection is still open
	 * @return the record
	 */
	public TrackedSocket clientConnected(String component, Path socket, BooleanSupplier isOpen) {
		return register(SocketRole.CLIENT, component, FastPathStatus.NOT_APPLICABLE,
				"Sent over the AF_UNIX socket of the same-host mode instead of TCP: no TCP, no ioctl needed.", socket,
				isOpen);
	}

	/**
	 * Say that a client could not connect to an AF_UNIX socket and sent its request over
	 * TCP instead. The socket is checked afresh for the next request.
	 * @param component the client
	 * @param socket the socket file
	 * @param failure why the connection failed
	 */
	public void fellBack(String component, Path socket, Throwable failure) {
		this.verdicts.remove(socket);
		// One of ours whose file someone removed: stop routing to it
		this.published.values()
			.stream()
			.filter((own) -> own.path().equals(socket) && !Files.exists(socket, LinkOption.NOFOLLOW_LINKS))
			.forEach(PublishedSocket::fileRemoved);
		warnOnce(socket, component + " could not connect (" + failure + "); the request went over TCP.");
	}

	private void warnOnce(Path socket, String reason) {
		if (this.warned.add(socket + reason)) {
			logger.warn("Loopback fast path same-host mode: not using " + socket + ": " + reason);
		}
	}

	/**
	 * Say that the requests of a client stay on TCP in this mode.
	 * @param component the client
	 * @param reason why, and what to use instead
	 */
	public void notCovered(String component, String reason) {
		this.registry.notCovered(component, reason);
	}

	/**
	 * The sockets published now, by port.
	 * @return the published sockets
	 */
	public Map<Integer, PublishedSocket> published() {
		Map<Integer, PublishedSocket> open = new TreeMap<>();
		this.published.forEach((port, socket) -> {
			if (socket.isOpen()) {
				open.put(port, socket);
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
			this.skipped.forEach(SocketRecord::closed);
			this.skipped.clear();
		}
	}

	private SocketRecord register(SocketRole role, String component, FastPathStatus status, String message, Path socket,
			@Nullable BooleanSupplier isOpen) {
		SocketOutcome outcome = new SocketOutcome(role, component, null, status, null, null, null, message,
				this.registry.now(), Transport.UNIX_DOMAIN, socket.toString());
		return this.registry.register(outcome, (isOpen != null) ? new PathSocket(isOpen) : null, null, null);
	}

	/**
	 * Whether a host names the loopback interface, without a DNS lookup.
	 * @param host the host, as in a URI
	 * @return whether it is {@code localhost}, in 127.0.0.0/8 or {@code ::1}
	 */
	static boolean isLoopback(@Nullable String host) {
		if (host == null) {
			return false;
		}
		String name = host.toLowerCase(Locale.ROOT);
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		return name.equals("localhost") || name.equals("::1") || name.equals("0:0:0:0:0:0:0:1")
				|| (name.startsWith("127.") && IPV4_LOOPBACK.matcher(name).matches());
	}

	/**
	 * Binds a server to an AF_UNIX socket.
	 */
	@FunctionalInterface
	public interface Binder {

		/**
		 * Start serving on the socket.
		 * @param socket the socket file to bind
		 * @param accepted to run for every connection accepted on it
		 * @return what stops serving on the socket and removes its file
		 * @throws Exception if the server could not bind
		 */
		AutoCloseable bind(Path socket, Runnable accepted) throws Exception;

	}

	private record Verdict(Object key, @Nullable String reason) {
	}

	private static final class AcceptCounter implements Runnable {

		private volatile @Nullable TrackedSocket record;

		@Override
		public void run() {
			TrackedSocket record = this.record;
			if (record != null) {
				record.connectionAccepted();
			}
		}

	}

	private static final class PathSocket extends LiveSocket {

		private final BooleanSupplier isOpen;

		PathSocket(BooleanSupplier isOpen) {
			this.isOpen = isOpen;
		}

		@Override
		public boolean isOpen() {
			return this.isOpen.getAsBoolean();
		}

		@Override
		protected @Nullable InetSocketAddress readLocalAddress() {
			return null;
		}

		@Override
		protected @Nullable InetSocketAddress readRemoteAddress() {
			return null;
		}

	}

}
