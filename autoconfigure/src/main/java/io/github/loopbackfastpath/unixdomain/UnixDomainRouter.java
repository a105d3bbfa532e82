package io.github.loopbackfastpath.unixdomain;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import io.github.loopbackfastpath.registry.TrackedSocket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The client side of the same-host mode: the one place that decides whether a request
 * goes over an AF_UNIX socket instead of TCP. Only a plain {@code http://} request to a
 * loopback address ({@code localhost}, 127.0.0.0/8, {@code [::1]}) is routed, and only to
 * a socket served by the listener the same request would reach over TCP (one bound to
 * that address, else one bound to a wildcard address; see
 * {@link SocketDirectory#socketFor(int, InetAddress, String)}): this process's own
 * socket, or one in the directory that a trusted user serves (see {@link SocketTrust})
 * from this network namespace (see {@link NetworkNamespace}). A socket that fails a check
 * is named in one warning. The client adapters pass facts (host, port, what happened) and
 * keep no rule of their own.
 *
 * @author Loopback Fast Path contributors
 */
public final class UnixDomainRouter {

	private static final Log logger = LogFactory.getLog(UnixDomainRouter.class);

	private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

	private final UnixDomainPublisher publisher;

	private final SocketDirectory directory;

	private final SocketTrust trust;

	private final NetworkNamespace namespace;

	private final UnixDomainRecorder recorder;

	private final SocketBuffers buffers;

	private final Map<Path, Verdict> verdicts = new ConcurrentHashMap<>();

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	private final Set<String> notRouted = ConcurrentHashMap.newKeySet();

	/**
	 * Create the router.
	 * @param publisher this process's published sockets
	 * @param directory where other processes publish theirs
	 * @param trust whose sockets may be used
	 * @param namespace the network namespace this process runs in
	 * @param recorder where client connections are recorded
	 * @param buffers the buffer size the client adapters ask for on their AF_UNIX
	 * connections
	 */
	public UnixDomainRouter(UnixDomainPublisher publisher, SocketDirectory directory, SocketTrust trust,
			NetworkNamespace namespace, UnixDomainRecorder recorder, SocketBuffers buffers) {
		this.publisher = publisher;
		this.directory = directory;
		this.trust = trust;
		this.namespace = namespace;
		this.recorder = recorder;
		this.buffers = buffers;
	}

	/**
	 * The buffer size a client adapter asks for on each AF_UNIX connection it opens.
	 * @return the buffer size
	 */
	public SocketBuffers buffers() {
		return this.buffers;
	}

	/**
	 * The AF_UNIX socket a request can be sent to instead of TCP.
	 * @param uri the request's URI
	 * @return the socket, or {@code null} to stay on TCP
	 */
	public @Nullable Path route(URI uri) {
		if (!"http".equalsIgnoreCase(uri.getScheme())) {
			return null;
		}
		return route(uri.getHost(), httpPort(uri.getPort()));
	}

	/**
	 * The AF_UNIX socket a plain HTTP (or plaintext gRPC) request to a host and port can
	 * be sent to instead of TCP. Only a loopback host is looked at: an address, or
	 * {@code localhost} as this JVM resolves it.
	 * @param host the host
	 * @param port the port
	 * @return the socket, or {@code null} to stay on TCP
	 */
	public @Nullable Path route(@Nullable String host, int port) {
		InetAddress address = loopbackAddress(host);
		return (address != null) ? route(address, port) : null;
	}

	/**
	 * The AF_UNIX socket a connection to a resolved address can be made on instead of
	 * TCP: the socket of the very listener TCP would reach there, a listener bound to
	 * that address first, else one bound to a wildcard address. A client adapter passes
	 * the address its own resolver gave (after any address filter of the client's), so
	 * that what holds for the TCP connection holds for the AF_UNIX one.
	 * @param address the address the connection would be made to
	 * @param port the port
	 * @return the socket, or {@code null} to stay on TCP
	 */
	public @Nullable Path route(InetAddress address, int port) {
		if (port <= 0 || !address.isLoopbackAddress() || this.directory.unavailable() != null) {
			return null;
		}
		Path own = this.publisher.ownSocket(address, port);
		if (own != null) {
			return own;
		}
		for (Path socket : candidates(address, port)) {
			Verdict verdict = verdict(socket);
			if (verdict != null) {
				if (verdict.reason() == null) {
					return socket;
				}
				warnOnce(socket, verdict.reason());
			}
		}
		return null;
	}

	/**
	 * Whether requests to a host and port go over an AF_UNIX socket, from what this
	 * router already knows: this process's own sockets and the sockets it accepted
	 * before. It touches neither the file system nor a socket, so a metric can ask it per
	 * exchange.
	 * @param host the host
	 * @param port the port
	 * @return whether {@link #route(String, int)} sends such requests over AF_UNIX
	 */
	public boolean routes(@Nullable String host, int port) {
		InetAddress address = loopbackAddress(host);
		if (port <= 0 || address == null) {
			return false;
		}
		if (this.publisher.ownSocket(address, port) != null) {
			return true;
		}
		for (Path socket : candidates(address, port)) {
			Verdict verdict = this.verdicts.get(socket);
			if (verdict != null && verdict.reason() == null) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether any client was said to stay on TCP in this mode.
	 * @return whether {@link #notCovered(String, String)} named one
	 */
	public boolean leavesClientsOnTcp() {
		return !this.notRouted.isEmpty();
	}

	// The listener bound to the address first, then one bound to a wildcard address;
	// each under this namespace's own name first, then the plain one
	private List<Path> candidates(InetAddress address, int port) {
		List<Path> candidates = new ArrayList<>(4);
		String namespaceId = this.namespace.id();
		for (InetAddress bound : Arrays.asList(address, null)) {
			if (namespaceId != null) {
				candidates.add(this.directory.socketFor(port, bound, namespaceId));
			}
			candidates.add(this.directory.socketFor(port, bound, null));
		}
		return candidates;
	}

	// Null where there is no live socket file; judged once per file
	private @Nullable Verdict verdict(Path socket) {
		// Most candidates do not exist: java.io.File tells without an exception, which
		// readAttributes would throw on every request
		if (!socket.toFile().exists()) {
			return null;
		}
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
		return verdict;
	}

	private @Nullable Verdict judge(Path socket, Object key) {
		String reason = this.trust.untrustedFile(socket);
		if (reason == null) {
			try {
				reason = this.trust.untrustedPeer(socket);
			}
			catch (IOException ex) {
				// Nothing listens: a stale file, TCP this time, checked again next time
				return null;
			}
		}
		if (reason == null) {
			reason = this.namespace.notServedHere(socket);
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
	public TrackedSocket connected(String component, Path socket, BooleanSupplier isOpen) {
		return this.recorder.connected(component, socket, isOpen);
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
		this.publisher.fileGone(socket);
		warnOnce(socket, component + " could not connect (" + failure + "); the request went over TCP.");
	}

	/**
	 * Say that the requests of a client stay on TCP in this mode.
	 * @param component the client
	 * @param reason why, and what to use instead
	 */
	public void notCovered(String component, String reason) {
		this.notRouted.add(component);
		this.recorder.notCovered(component, reason);
	}

	/**
	 * The clients said to stay on TCP in this mode.
	 * @return their component names
	 */
	public Set<String> notRouted() {
		return new TreeSet<>(this.notRouted);
	}

	private void warnOnce(Path socket, String reason) {
		if (this.warned.add(socket + reason)) {
			logger.warn("Loopback fast path same-host mode: not using " + socket + ": " + reason);
		}
	}

	/**
	 * Whether a host names the loopback interface, without a DNS lookup.
	 * @param host the host, as in a URI
	 * @return whether it is {@code localhost}, in 127.0.0.0/8 or {@code ::1}
	 */
	public static boolean isLoopbackHost(@Nullable String host) {
		if (host == null) {
			return false;
		}
		String name = unbracketed(host.toLowerCase(Locale.ROOT));
		return name.equals("localhost") || name.equals("::1") || name.equals("0:0:0:0:0:0:0:1")
				|| (name.startsWith("127.") && IPV4_LOOPBACK.matcher(name).matches());
	}

	/**
	 * The loopback address a host names: the address itself, or the first address this
	 * JVM resolves {@code localhost} to (from its cache or the hosts file, never DNS), as
	 * a client's default resolver does.
	 * @param host the host, as in a URI
	 * @return the address, or {@code null} if the host is not a loopback one
	 */
	public static @Nullable InetAddress loopbackAddress(@Nullable String host) {
		if (host == null || !isLoopbackHost(host)) {
			return null;
		}
		try {
			InetAddress address = InetAddress.getByName(unbracketed(host));
			return address.isLoopbackAddress() ? address : null;
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/**
	 * The port of a plain {@code http://} request.
	 * @param port the port of its URI or host, {@code -1} where none is given
	 * @return the port, 80 where none is given
	 */
	public static int httpPort(int port) {
		return (port != -1) ? port : 80;
	}

	private static String unbracketed(String host) {
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	private record Verdict(Object key, @Nullable String reason) {
	}

}
