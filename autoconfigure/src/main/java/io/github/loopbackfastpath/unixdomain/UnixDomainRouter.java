package io.github.loopbackfastpath.unixdomain;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Where a request goes: the one place that decides whether a client's connection goes
 * over an AF_UNIX socket instead of TCP. Only a plain {@code http://} request to a
 * loopback address ({@code localhost}, 127.0.0.0/8, {@code [::1]}) is routed, and only to
 * a socket served by the listener the same request would reach over TCP (one bound to
 * that address, else one bound to a wildcard address; see {@link SocketNames#name}): this
 * process's own socket, or one in the directory that a trusted user serves (see
 * {@link SocketTrust}) from this network namespace (see {@link NetworkNamespace}). A
 * socket that fails a check is named in one warning. The client adapters pass facts
 * (host, port, what happened) and keep no rule of their own.
 *
 * @author Loopback Fast Path contributors
 */
public final class UnixDomainRouter {

	private static final Log logger = LogFactory.getLog(UnixDomainRouter.class);

	private final OwnSockets own;

	private final SocketDirectory directory;

	private final SocketTrust trust;

	private final NetworkNamespace namespace;

	private final Map<Path, Verdict> verdicts = new ConcurrentHashMap<>();

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	/**
	 * Create the router.
	 * @param own the sockets this process serves
	 * @param directory where other processes publish theirs, and under which names
	 * @param trust whose sockets may be used
	 * @param namespace the network namespace this process runs in
	 */
	public UnixDomainRouter(OwnSockets own, SocketDirectory directory, SocketTrust trust, NetworkNamespace namespace) {
		this.own = own;
		this.directory = directory;
		this.trust = trust;
		this.namespace = namespace;
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
		return route(uri.getHost(), LoopbackHosts.httpPort(uri.getPort()));
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
		InetAddress address = LoopbackHosts.loopbackAddress(host);
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
		Path own = this.own.socketFor(address, port);
		if (own != null) {
			return own;
		}
		for (Path socket : this.directory.candidates(address, port)) {
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
		InetAddress address = LoopbackHosts.loopbackAddress(host);
		if (port <= 0 || address == null) {
			return false;
		}
		if (this.own.socketFor(address, port) != null) {
			return true;
		}
		for (Path socket : this.directory.candidates(address, port)) {
			Verdict verdict = this.verdicts.get(socket);
			if (verdict != null && verdict.reason() == null) {
				return true;
			}
		}
		return false;
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
	 * Say that a client could not connect to an AF_UNIX socket, before it sends its
	 * request over TCP instead; the socket is checked afresh for the next request. A
	 * socket of this process's server that has no TCP listener
	 * ({@code loopback.fast-path.unix-domain.socket-only}) has no TCP to fall back to:
	 * the request fails at once, with the error returned.
	 * @param component the client
	 * @param socket the socket file
	 * @param failure why the connection failed
	 * @return the error to fail the request with, or {@code null} to send it over TCP
	 */
	public @Nullable IOException fellBack(String component, Path socket, Throwable failure) {
		if (this.own.isSocketOnly(socket)) {
			return new ConnectException("The server on " + socket + " listens on its AF_UNIX socket only "
					+ "(loopback.fast-path.unix-domain.socket-only), with no TCP listener to send the request to, and "
					+ component + " could not connect to it: " + failure);
		}
		this.verdicts.remove(socket);
		this.own.connectFailed(socket);
		warnOnce(socket, component + " could not connect (" + failure + "); the request went over TCP.");
		return null;
	}

	private void warnOnce(Path socket, String reason) {
		if (this.warned.add(socket + reason)) {
			logger.warn("Loopback fast path same-host mode: not using " + socket + ": " + reason);
		}
	}

	private record Verdict(Object key, @Nullable String reason) {
	}

}
