package io.github.loopbackfastpath.unixdomain;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The directory the AF_UNIX sockets are published in: where it is, how its sockets are
 * named, and the permissions it and its sockets get. Owner-only by default; with a
 * {@code group}, the group may enter it and connect to its sockets, and owns them. The
 * starter sets the permissions of a directory it created only; an existing one that does
 * not fit is left as it is, and its ports stay on TCP.
 *
 * @author Loopback Fast Path contributors
 */
public final class SocketDirectory {

	private static final Log logger = LogFactory.getLog(SocketDirectory.class);

	/**
	 * The longest socket path the OS takes, in bytes: {@code sun_path} holds 108 bytes on
	 * Linux and Windows, 104 on macOS, the terminating NUL included.
	 */
	static final int MAX_PATH_BYTES = System.getProperty("os.name", "").startsWith("Mac") ? 103 : 107;

	/**
	 * What binding in a private directory adds to a socket's path: {@code /.} and up to
	 * seven characters.
	 */
	static final int STAGING_BYTES = 9;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path directory;

	private final @Nullable GroupPrincipal group;

	private final boolean posix;

	private volatile @Nullable String unavailable;

	private volatile boolean availabilityKnown;

	/**
	 * Create the directory's description; nothing is created until a socket is published.
	 * @param directory where the sockets are published
	 * @param group the group whose members may connect, or {@code null} for owner-only
	 */
	public SocketDirectory(Path directory, @Nullable GroupPrincipal group) {
		this.directory = directory.toAbsolutePath().normalize();
		this.group = group;
		this.posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
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
	 * The socket of a TCP listener: {@code <port>.sock} for one bound to a wildcard
	 * address, which TCP reaches on every loopback address, and the port, {@code @} and
	 * the address for one bound to a single address, which TCP reaches on that address
	 * only (such as {@code 8080@127.0.0.2.sock}; {@code :} of an IPv6 address written
	 * {@code _}). With a network namespace, for when another namespace sharing the
	 * directory already serves that name, {@code -net<namespace>} before {@code .sock}.
	 * @param port the port
	 * @param address the address the listener is bound to, or {@code null} for a wildcard
	 * address
	 * @param namespace the network namespace's identifier, or {@code null}
	 * @return the socket file
	 */
	Path socketFor(int port, @Nullable InetAddress address, @Nullable String namespace) {
		StringBuilder name = new StringBuilder().append(port);
		if (address != null && !address.isAnyLocalAddress()) {
			name.append('@').append(address.getHostAddress().replace(':', '_'));
		}
		if (namespace != null) {
			name.append("-net").append(namespace);
		}
		return this.directory.resolve(name.append(".sock").toString());
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
		return tooLong(absolute.resolve("65535.sock"));
	}

	/**
	 * The permissions a published socket file gets: owner-only, or with the group.
	 * @return {@code rw-------} or {@code rw-rw----}
	 */
	public String socketPermissions() {
		return (this.group != null) ? "rw-rw----" : "rw-------";
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

	// The reason the path is too long for a socket address, or null
	static @Nullable String tooLong(Path socket) {
		int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
		if (length + STAGING_BYTES <= MAX_PATH_BYTES) {
			return null;
		}
		return "The socket path " + socket + " is " + length + " bytes long; the OS takes at most " + MAX_PATH_BYTES
				+ ", " + STAGING_BYTES + " of which the private directory it is bound in takes. Choose a shorter "
				+ "loopback.fast-path.unix-domain.directory.";
	}

	// Creates the directory if it is missing (owner-only, or rwxr-x--- owned by the
	// group); the reason it cannot be used, or null. A directory that exists is never
	// changed: one that does not fit the configuration is refused with what to change
	@Nullable String create() {
		if (Files.isDirectory(this.directory, LinkOption.NOFOLLOW_LINKS)) {
			return this.posix ? unfitExisting() : null;
		}
		try {
			Files.createDirectories(this.directory.getParent());
			if (this.posix) {
				Files.createDirectory(this.directory,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
				if (this.group != null) {
					PosixFileAttributeView view = Files.getFileAttributeView(this.directory,
							PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
					view.setGroup(this.group);
					view.setPermissions(PosixFilePermissions.fromString("rwxr-x---"));
				}
			}
			else {
				Files.createDirectory(this.directory);
				restrictAcl(this.directory);
			}
			return null;
		}
		catch (FileAlreadyExistsException ex) {
			// Made by another process a moment ago: judged as any existing directory
			return this.posix ? unfitExisting() : null;
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return "The socket directory " + this.directory + " could not be created"
					+ ((this.group != null) ? " for the group " + this.group.getName() : "") + ": " + ex;
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
			if (this.group != null && (!attributes.group().equals(this.group)
					|| !permissions.contains(PosixFilePermission.GROUP_EXECUTE))) {
				return "The socket directory " + this.directory + " is " + mode + " with the group "
						+ attributes.group().getName() + ", but loopback.fast-path.unix-domain.group is "
						+ this.group.getName() + "." + fix + "chgrp " + this.group.getName() + " " + this.directory
						+ " && chmod g+rx " + this.directory + ", or name another directory.";
			}
			return null;
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return "The socket directory " + this.directory + " could not be checked: " + ex;
		}
	}

	/**
	 * A private place to bind a socket before it is published: a new directory only this
	 * user may enter, inside the socket directory (so that the socket can be linked into
	 * place on the same file system), where no other user can connect to the socket
	 * before it has its final permissions: {@code .<random>/<name>}, the name the kernel
	 * then gives the listening socket ({@code ss -x} and {@code /proc/net/unix} show it;
	 * see {@link #boundAs(String, Path)}). {@code null} where the file system has no
	 * POSIX permissions (Windows: the directory's ACL is owner-only from its creation).
	 * @param socket the socket file to publish
	 * @return the path to bind, or {@code null} to bind the socket file itself
	 * @throws IOException if the private directory cannot be made
	 */
	@Nullable Path staging(Path socket) throws IOException {
		if (!this.posix) {
			return null;
		}
		for (int attempt = 0;; attempt++) {
			Path staging = this.directory.resolve("." + Long.toString(RANDOM.nextInt() & 0x7fffffffL, 36));
			try {
				Files.createDirectory(staging,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
				return staging.resolve(socket.getFileName());
			}
			catch (FileAlreadyExistsException ex) {
				if (attempt == 10) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Whether the kernel's name of a listening socket is a published socket's: the socket
	 * file itself, or its {@link #staging(Path) private place}.
	 * @param bound the path the socket was bound to, as {@code /proc/net/unix} shows it
	 * @param socket the published socket file
	 * @return whether it names that socket
	 */
	static boolean boundAs(String bound, Path socket) {
		String path = socket.toString();
		if (bound.equals(path)) {
			return true;
		}
		Path parent = socket.getParent();
		String name = "/" + socket.getFileName();
		if (parent == null || !bound.startsWith(parent + "/.") || !bound.endsWith(name)) {
			return false;
		}
		String staging = bound.substring(parent.toString().length() + 2, bound.length() - name.length());
		return !staging.isEmpty() && staging.chars().allMatch(Character::isLetterOrDigit);
	}

	/**
	 * Publish a socket bound in its {@link #staging(Path) private place} under its own
	 * name, after it got its permissions: a second link to the same socket, which a
	 * client's connect reaches as well. The private one stays until the server closes.
	 * @param staged where the socket was bound
	 * @param socket its published name
	 * @throws IOException if the name is taken meanwhile or the link fails
	 */
	void link(Path staged, Path socket) throws IOException {
		Files.createLink(socket, staged);
	}

	/**
	 * Remove a socket's private place, the socket in it included.
	 * @param staged where the socket was bound
	 */
	static void removeStaging(Path staged) {
		try {
			Files.deleteIfExists(staged);
			Path parent = staged.getParent();
			if (parent != null) {
				Files.deleteIfExists(parent);
			}
		}
		catch (IOException ex) {
			// An empty private directory left behind; the next start-up ignores it
		}
	}

	/**
	 * Give a published socket file its permissions: owner-only, or read-write for the
	 * group, which owns it.
	 * @param socket the socket file
	 * @throws IOException if they cannot be set
	 */
	void restrict(Path socket) throws IOException {
		if (!this.posix) {
			restrictAcl(socket);
			return;
		}
		// Following links: without, the JDK opens the file to change it, which a socket
		// refuses (ENXIO); the file was just bound by this process
		PosixFileAttributeView view = Files.getFileAttributeView(socket, PosixFileAttributeView.class);
		if (this.group != null) {
			try {
				view.setGroup(this.group);
			}
			catch (IOException ex) {
				throw new IOException("The socket file " + socket + " cannot be given to the group "
						+ this.group.getName() + " (the application's user must be a member of it; see "
						+ "loopback.fast-path.unix-domain.group): " + ex, ex);
			}
		}
		view.setPermissions(PosixFilePermissions.fromString(socketPermissions()));
	}

	private void restrictAcl(Path path) throws IOException {
		AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
		if (acl == null) {
			return;
		}
		List<AclEntry> entries = new ArrayList<>();
		entries.add(allowAll(Files.getOwner(path)));
		if (this.group != null) {
			entries.add(allowAll(this.group));
		}
		acl.setAcl(entries);
	}

	private static AclEntry allowAll(UserPrincipal principal) {
		Set<AclEntryPermission> all = EnumSet.allOf(AclEntryPermission.class);
		return AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(principal).setPermissions(all).build();
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

}
