package io.github.loopbackfastpath.unixdomain;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The directory the AF_UNIX sockets are published in: where it is, how its sockets are
 * named, and which name a listener may take. Owner-only by default; with a {@code group},
 * the group may enter it (see {@link SocketPermissions}). The starter creates the
 * directory if it is missing and never changes one that exists: one that does not fit is
 * refused with what to change, and its ports stay on TCP.
 *
 * @author Loopback Fast Path contributors
 */
public final class SocketDirectory {

	private static final Log logger = LogFactory.getLog(SocketDirectory.class);

	private final Path directory;

	private final SocketPermissions permissions;

	private final SocketTrust trust;

	private final NetworkNamespace namespace;

	private volatile @Nullable String unavailable;

	private volatile boolean availabilityKnown;

	/**
	 * Create the directory's description; nothing is created until a socket is published.
	 * @param directory where the sockets are published
	 * @param permissions what the directory gets when the starter creates it
	 * @param trust whose directory and socket files may be used or replaced
	 * @param namespace the network namespace this process runs in, which names a socket
	 * when another namespace sharing the directory serves the plain name
	 */
	public SocketDirectory(Path directory, SocketPermissions permissions, SocketTrust trust,
			NetworkNamespace namespace) {
		this.directory = directory.toAbsolutePath().normalize();
		this.permissions = permissions;
		this.trust = trust;
		this.namespace = namespace;
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
		return Path.of(System.getProperty("java.io.tmpdir"),
				"loopback-fast-path-" + System.getProperty("user.name", ""));
	}

	/**
	 * Where the sockets are published.
	 * @return the absolute directory
	 */
	public Path path() {
		return this.directory;
	}

	/**
	 * The socket of a TCP port, as a proxy's configuration names it.
	 * @param port the port
	 * @return {@code <directory>/<port>.sock}
	 */
	public Path socketFor(int port) {
		return socketFor(port, null, null);
	}

	/**
	 * The socket of a TCP listener, named as {@link SocketNames#name} says.
	 * @param port the port
	 * @param address the address the listener is bound to, or {@code null} for a wildcard
	 * address
	 * @param namespace the network namespace's identifier, or {@code null}
	 * @return the socket file
	 */
	Path socketFor(int port, @Nullable InetAddress address, @Nullable String namespace) {
		return this.directory.resolve(SocketNames.name(port, address, namespace));
	}

	/**
	 * Why a path cannot be the socket directory, checked when the property is bound:
	 * something other than a directory is there, or it is too long for a socket path.
	 * @param directory the configured directory
	 * @return the reason, or {@code null} if it can be
	 */
	public static @Nullable String unfit(Path directory) {
		Path absolute = directory.toAbsolutePath().normalize();
		if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)
				&& !Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
			return "It exists and is not a directory; name a directory, or one the starter may create.";
		}
		return SocketNames.tooLong(absolute.resolve("65535.sock"));
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
	 * Find out ahead, off the thread that starts the application, what every claim needs
	 * and no port decides: whether this JVM can open AF_UNIX sockets, and the directory,
	 * created if it is missing and checked (its owner looked up). Each claim checks the
	 * directory again; only whether AF_UNIX sockets can be opened is kept.
	 */
	public void prepare() {
		if (unavailable() == null) {
			unfitDirectory();
		}
	}

	// Creates the directory if it is missing, then checks whose it is: the reason it
	// cannot be used, or null
	private @Nullable String unfitDirectory() {
		String refusal = create();
		return (refusal != null) ? refusal : this.trust.untrustedDirectory(this.directory);
	}

	// Creates the directory if it is missing; the reason it cannot be used, or null. A
	// directory that exists is never changed: one that does not fit the configuration is
	// refused with what to change
	private @Nullable String create() {
		if (Files.isDirectory(this.directory, LinkOption.NOFOLLOW_LINKS)) {
			return SocketPermissions.posix() ? unfitExisting() : null;
		}
		try {
			Files.createDirectories(this.directory.getParent());
			this.permissions.createDirectory(this.directory);
			return null;
		}
		catch (FileAlreadyExistsException ex) {
			// Made by another process a moment ago: judged as any existing directory
			return SocketPermissions.posix() ? unfitExisting() : null;
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			GroupPrincipal group = this.permissions.group();
			return "The socket directory " + this.directory + " could not be created"
					+ ((group != null) ? " for the group " + group.getName() : "") + ": " + ex;
		}
	}

	// An existing directory fits when it grants others nothing and, with a group, belongs
	// to that group, which may enter it (whose directory may be used is SocketTrust's)
	private @Nullable String unfitExisting() {
		try {
			PosixFileAttributes attributes = Files.readAttributes(this.directory, PosixFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			Set<PosixFilePermission> permissions = attributes.permissions();
			String mode = PosixFilePermissions.toString(permissions);
			String fix = " The starter changes only a directory it created: ";
			if (permissions.contains(PosixFilePermission.OTHERS_READ)
					|| permissions.contains(PosixFilePermission.OTHERS_WRITE)
					|| permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
				return "The socket directory " + this.directory + " grants others access (" + mode + ")." + fix
						+ "chmod o-rwx " + this.directory + ", or name another directory in "
						+ "loopback.fast-path.unix-domain.directory.";
			}
			GroupPrincipal group = this.permissions.group();
			if (group != null && (!attributes.group().equals(group)
					|| !permissions.contains(PosixFilePermission.GROUP_EXECUTE))) {
				return "The socket directory " + this.directory + " is " + mode + " with the group "
						+ attributes.group().getName() + ", but loopback.fast-path.unix-domain.group is "
						+ group.getName() + "." + fix + "chgrp " + group.getName() + " " + this.directory
						+ " && chmod g+rx " + this.directory + ", or name another directory.";
			}
			return null;
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return "The socket directory " + this.directory + " could not be checked: " + ex;
		}
	}

	/**
	 * The socket files a loopback connection to an address and port may use, in the order
	 * TCP would choose the listener: one bound to that address first, then one bound to a
	 * wildcard address; each under this namespace's own name first, then the plain one.
	 * @param address the loopback address
	 * @param port the port
	 * @return the candidate socket files
	 */
	List<Path> candidates(InetAddress address, int port) {
		List<Path> candidates = new ArrayList<>(4);
		String namespaceId = this.namespace.id();
		for (InetAddress bound : Arrays.asList(address, null)) {
			if (namespaceId != null) {
				candidates.add(socketFor(port, bound, namespaceId));
			}
			candidates.add(socketFor(port, bound, null));
		}
		return candidates;
	}

	/**
	 * The name a TCP listener's socket may be published under, creating the directory if
	 * it is missing: {@code <port>.sock} (or with its address, see
	 * {@link SocketNames#name}), or, where a server of another network namespace sharing
	 * the directory serves that name, this namespace's own. A stale socket file left by a
	 * crashed process of a trusted user is removed; a live one of this namespace, or one
	 * nobody trusted owns, is never taken over.
	 * @param port the listener's port
	 * @param address the address it is bound to, {@code null} for a wildcard address
	 * @return the name and, if it may not be published, why
	 */
	public Claim claim(int port, @Nullable InetAddress address) {
		InetAddress bound = (address != null && !address.isAnyLocalAddress()) ? address : null;
		Path socket = socketFor(port, bound, null);
		if (bound != null && !bound.isLoopbackAddress()) {
			return new Claim(socket, bound, "The listener is bound to " + bound.getHostAddress()
					+ ", not a loopback address: no loopback call reaches it over TCP, so it is not published.");
		}
		String refusal = unfitDirectory();
		if (refusal != null) {
			return new Claim(socket, bound, refusal);
		}
		Taken taken = taken(socket);
		String namespaceId = this.namespace.id();
		if (taken != null && taken.byOtherNamespace() && namespaceId != null) {
			socket = socketFor(port, bound, namespaceId);
			taken = taken(socket);
		}
		return new Claim(socket, bound, (taken != null) ? taken.reason() : null);
	}

	// Null once the socket file is free to bind, else why it is taken
	private @Nullable Taken taken(Path socket) {
		String tooLong = SocketNames.tooLong(socket);
		if (tooLong != null) {
			return new Taken(tooLong, false);
		}
		if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
			return null;
		}
		if (isLive(socket)) {
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

	// Whether a process listens on the socket file. Never waits: a listener whose backlog
	// is full answers EAGAIN at once, and is live (it must never be taken over)
	static boolean isLive(Path socket) {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.configureBlocking(false);
			return channel.connect(UnixDomainSocketAddress.of(socket)) || channel.isConnectionPending();
		}
		catch (ConnectException ex) {
			// ECONNREFUSED: a file nobody listens on
			return false;
		}
		catch (IOException ex) {
			return String.valueOf(ex.getMessage()).contains("temporarily unavailable");
		}
	}

	/**
	 * The name a listener's socket may be published under.
	 *
	 * @param socket the socket file
	 * @param address the single address the listener is bound to, {@code null} for a
	 * wildcard address
	 * @param refusal why it may not be published, or {@code null} if it may
	 */
	public record Claim(Path socket, @Nullable InetAddress address, @Nullable String refusal) {
	}

	private record Taken(String reason, boolean byOtherNamespace) {
	}

}
