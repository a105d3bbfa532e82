package io.github.loopbackfastpath.unixdomain;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
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
 * {@code group}, the group may enter it and connect to its sockets, and owns them.
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
		return this.directory.resolve(port + ".sock");
	}

	/**
	 * The socket of a TCP port in one network namespace, for when another namespace
	 * sharing the directory already serves that port.
	 * @param port the port
	 * @param namespace the network namespace's identifier
	 * @return {@code <directory>/<port>-net<namespace>.sock}
	 */
	Path socketFor(int port, String namespace) {
		return this.directory.resolve(port + "-net" + namespace + ".sock");
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
		if (length <= MAX_PATH_BYTES) {
			return null;
		}
		return "The socket path " + socket + " is " + length + " bytes long; the OS takes at most " + MAX_PATH_BYTES
				+ ". Choose a shorter loopback.fast-path.unix-domain.directory.";
	}

	// Creates the directory if it is missing (owner-only, or rwxr-x--- owned by the
	// group); the reason it cannot be created, or null
	@Nullable String create() {
		if (Files.isDirectory(this.directory, LinkOption.NOFOLLOW_LINKS)) {
			return openToGroup();
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
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return "The socket directory " + this.directory + " could not be created"
					+ ((this.group != null) ? " for the group " + this.group.getName() : "") + ": " + ex;
		}
	}

	// An existing directory of this user's, made owner-only by an earlier run without the
	// group, is given to the group, which gets r-x: added, nothing taken away. A
	// directory of another user's is left as it is (the client's trust rules judge it).
	private @Nullable String openToGroup() {
		if (this.group == null || !this.posix) {
			return null;
		}
		try {
			PosixFileAttributeView view = Files.getFileAttributeView(this.directory, PosixFileAttributeView.class,
					LinkOption.NOFOLLOW_LINKS);
			PosixFileAttributes attributes = view.readAttributes();
			if (!attributes.owner().getName().equals(System.getProperty("user.name"))) {
				return null;
			}
			Set<PosixFilePermission> permissions = EnumSet.copyOf(attributes.permissions());
			if (attributes.group().equals(this.group) && permissions.contains(PosixFilePermission.GROUP_READ)
					&& permissions.contains(PosixFilePermission.GROUP_EXECUTE)) {
				return null;
			}
			view.setGroup(this.group);
			permissions.add(PosixFilePermission.GROUP_READ);
			permissions.add(PosixFilePermission.GROUP_EXECUTE);
			view.setPermissions(permissions);
			logger
				.info("Loopback fast path same-host mode: the socket directory " + this.directory + " is now the group "
						+ this.group.getName() + "'s, with " + PosixFilePermissions.toString(permissions));
			return null;
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return "The socket directory " + this.directory + " could not be given to the group " + this.group.getName()
					+ " (the application's user must be a member of it; see "
					+ "loopback.fast-path.unix-domain.group): " + ex;
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
