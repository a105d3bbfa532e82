package io.github.loopbackfastpath.unixdomain;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
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
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.jspecify.annotations.Nullable;

/**
 * The directory the AF_UNIX sockets are published in, and the checks that decide whether
 * a socket file in it can be trusted: the directory and the file belong to the current
 * user, the directory is not writable by anyone else, and (where the OS tells) the
 * process listening on the socket runs as the current user.
 *
 * @author Loopback Fast Path contributors
 */
final class SocketDirectory {

	/**
	 * The longest socket path the OS takes, in bytes: {@code sun_path} holds 108 bytes on
	 * Linux and Windows, 104 on macOS, the terminating NUL included.
	 */
	static final int MAX_PATH_BYTES = System.getProperty("os.name", "").startsWith("Mac") ? 103 : 107;

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

	private final Path directory;

	private final boolean posix;

	SocketDirectory(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
		this.posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

	Path path() {
		return this.directory;
	}

	Path socketFor(int port) {
		return this.directory.resolve(port + ".sock");
	}

	// The reason the path is too long for a socket address, or null
	static @Nullable String tooLong(Path socket) {
		int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
		if (length <= MAX_PATH_BYTES) {
			return null;
		}
		return "The socket path " + socket + " is " + length + " bytes long; the OS takes at most " + MAX_PATH_BYTES
				+ ". Choose a shorter directory.";
	}

	// Creates the directory owner-only if it is missing; the reason it cannot be used, or
	// null
	@Nullable String prepare() {
		try {
			if (!Files.isDirectory(this.directory, LinkOption.NOFOLLOW_LINKS)) {
				Files.createDirectories(this.directory.getParent());
				if (this.posix) {
					FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions
						.asFileAttribute(OWNER_ONLY);
					Files.createDirectory(this.directory, ownerOnly);
				}
				else {
					Files.createDirectory(this.directory);
					restrictToOwner(this.directory);
				}
			}
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return "The socket directory " + this.directory + " could not be created: " + ex;
		}
		return untrustedDirectory();
	}

	// The reason the directory cannot be trusted, or null
	@Nullable String untrustedDirectory() {
		try {
			if (!Files.isDirectory(this.directory, LinkOption.NOFOLLOW_LINKS)) {
				return "The socket directory " + this.directory + " does not exist or is a link.";
			}
			UserPrincipal owner = Files.getOwner(this.directory, LinkOption.NOFOLLOW_LINKS);
			if (!isCurrentUser(owner)) {
				return "The socket directory " + this.directory + " belongs to " + owner.getName() + ", not to "
						+ currentUser() + ".";
			}
			if (this.posix) {
				Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(this.directory,
						LinkOption.NOFOLLOW_LINKS);
				if (permissions.contains(PosixFilePermission.GROUP_WRITE)
						|| permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
					return "The socket directory " + this.directory + " is writable by others ("
							+ PosixFilePermissions.toString(permissions) + "); it must be owner-only (rwx------).";
				}
			}
			else if (grantsOthers(this.directory)) {
				return "The socket directory " + this.directory
						+ " grants access to others than its owner; its ACL must name the owner only.";
			}
			return null;
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return "The socket directory " + this.directory + " could not be checked: " + ex;
		}
	}

	// The reason a socket file cannot be trusted, or null; does not connect
	@Nullable String untrustedFile(Path socket) {
		String directory = untrustedDirectory();
		if (directory != null) {
			return directory;
		}
		try {
			if (Files.isSymbolicLink(socket)) {
				return "The socket file " + socket + " is a symbolic link.";
			}
			UserPrincipal owner = Files.getOwner(socket, LinkOption.NOFOLLOW_LINKS);
			if (!isCurrentUser(owner)) {
				return "The socket file " + socket + " belongs to " + owner.getName() + ", not to " + currentUser()
						+ ".";
			}
			return null;
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return "The socket file " + socket + " could not be checked: " + ex;
		}
	}

	// Connects to the socket: null if a process of the current user listens on it,
	// else the reason; throws if nothing listens
	static @Nullable String untrustedPeer(Path socket) throws IOException {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(socket));
			UnixDomainPrincipal peer;
			try {
				peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
			}
			catch (UnsupportedOperationException ex) {
				// Windows has no peer credentials: the owner-only directory is the check
				return null;
			}
			if (!isCurrentUser(peer.user())) {
				return "The process listening on " + socket + " runs as " + peer.user().getName() + ", not as "
						+ currentUser() + ".";
			}
			return null;
		}
	}

	// Whether a process listens on the socket file
	static boolean isLive(Path socket) {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(socket));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static String currentUser() {
		return System.getProperty("user.name", "");
	}

	private static boolean isCurrentUser(UserPrincipal user) {
		String name = user.getName();
		String current = currentUser();
		// Windows names the owner DOMAIN\\user
		return name.equals(current) || name.endsWith("\\" + current);
	}

	private static void restrictToOwner(Path path) throws IOException {
		AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
		if (acl == null) {
			return;
		}
		UserPrincipal owner = Files.getOwner(path);
		AclEntry ownerOnly = AclEntry.newBuilder()
			.setType(AclEntryType.ALLOW)
			.setPrincipal(owner)
			.setPermissions(EnumSet.allOf(AclEntryPermission.class))
			.build();
		acl.setAcl(List.of(ownerOnly));
	}

	private static boolean grantsOthers(Path path) throws IOException {
		AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
		if (acl == null) {
			return false;
		}
		UserPrincipal owner = Files.getOwner(path);
		return acl.getAcl()
			.stream()
			.anyMatch((entry) -> entry.type() == AclEntryType.ALLOW && !entry.principal().equals(owner));
	}

}
