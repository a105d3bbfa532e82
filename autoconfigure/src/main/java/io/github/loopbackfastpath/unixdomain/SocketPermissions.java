package io.github.loopbackfastpath.unixdomain;

import java.io.IOException;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The permissions the same-host mode gives what it creates: owner-only, or with the
 * configured {@code group}, which then owns the directory and the sockets and may
 * connect. POSIX permissions where the file system has them, else an ACL naming the owner
 * and the group (Windows).
 *
 * @author Loopback Fast Path contributors
 */
public final class SocketPermissions {

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private final @Nullable GroupPrincipal group;

	/**
	 * Create the permissions.
	 * @param group the group whose members may connect, or {@code null} for owner-only
	 */
	public SocketPermissions(@Nullable GroupPrincipal group) {
		this.group = group;
	}

	/**
	 * Whether the default file system has POSIX permissions, asked once for the whole
	 * mode.
	 * @return {@code false} on Windows
	 */
	public static boolean posix() {
		return POSIX;
	}

	/**
	 * The group whose members may connect, if one is configured.
	 * @return the group, or {@code null}
	 */
	public @Nullable GroupPrincipal group() {
		return this.group;
	}

	/**
	 * The permissions of a published socket file: owner-only, or with the group.
	 * @return {@code rw-------} or {@code rw-rw----}
	 */
	public String socketMode() {
		return (this.group != null) ? "rw-rw----" : "rw-------";
	}

	/**
	 * Create the socket directory: owner-only, or {@code rwxr-x---} owned by the group.
	 * @param directory the directory, whose parent exists
	 * @throws IOException if it cannot be created or given its permissions
	 */
	void createDirectory(Path directory) throws IOException {
		if (!POSIX) {
			Files.createDirectory(directory);
			restrictAcl(directory);
			return;
		}
		createPrivateDirectory(directory);
		if (this.group != null) {
			PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class,
					LinkOption.NOFOLLOW_LINKS);
			view.setGroup(this.group);
			view.setPermissions(PosixFilePermissions.fromString("rwxr-x---"));
		}
	}

	/**
	 * Create a directory only this user may enter ({@code rwx------}).
	 * @param directory the directory
	 * @throws IOException if it exists or cannot be created
	 */
	public static void createPrivateDirectory(Path directory) throws IOException {
		Files.createDirectory(directory,
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
	}

	/**
	 * Give a published socket file its permissions: owner-only, or read-write for the
	 * group, which owns it.
	 * @param socket the socket file
	 * @throws IOException if they cannot be set
	 */
	public void restrict(Path socket) throws IOException {
		if (!POSIX) {
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
		view.setPermissions(PosixFilePermissions.fromString(socketMode()));
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

}
