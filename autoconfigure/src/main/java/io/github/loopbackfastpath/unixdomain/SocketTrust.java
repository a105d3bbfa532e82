package io.github.loopbackfastpath.unixdomain;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.jspecify.annotations.Nullable;

/**
 * Whose AF_UNIX sockets the same-host mode uses: the current user's, and those of the
 * users named in {@code trusted-users}. A socket is used only when its directory belongs
 * to one of them (or to root) and nobody else can write to it (the configured
 * {@code group} may, when it owns the directory), the socket file belongs to one of them,
 * and, where the OS tells ({@code SO_PEERCRED} on Linux and macOS), the process listening
 * on it runs as one of them.
 *
 * @author Loopback Fast Path contributors
 */
public final class SocketTrust {

	private final String currentUser;

	private final List<UserPrincipal> trustedUsers;

	private final @Nullable GroupPrincipal group;

	/**
	 * Trust the current user, the given users, and the given group as a directory's
	 * writers.
	 * @param trustedUsers users whose sockets may be used besides the current user's
	 * @param group the group whose members may connect and share the directory, or
	 * {@code null}
	 */
	public SocketTrust(Collection<UserPrincipal> trustedUsers, @Nullable GroupPrincipal group) {
		this.currentUser = System.getProperty("user.name", "");
		this.trustedUsers = List.copyOf(trustedUsers);
		this.group = group;
	}

	/**
	 * Trust the current user, the named users, and the named group as a directory's
	 * writers, looked up by name or numeric id.
	 * @param trustedUsers users whose sockets may be used besides the current user's
	 * @param group the group whose members may connect, or {@code null} or blank for none
	 * @return the trust
	 * @throws IOException if a user or the group does not exist
	 */
	public static SocketTrust of(List<String> trustedUsers, @Nullable String group) throws IOException {
		List<UserPrincipal> users = new ArrayList<>();
		for (String user : trustedUsers) {
			users.add(lookupUser(user));
		}
		return new SocketTrust(users, (group != null && !group.isBlank()) ? lookupGroup(group) : null);
	}

	/**
	 * Trust the current user only: the default.
	 * @return the trust
	 */
	public static SocketTrust currentUserOnly() {
		return new SocketTrust(List.of(), null);
	}

	/**
	 * A user by name or numeric id.
	 * @param name the name or id
	 * @return the user
	 * @throws IOException if there is no such user
	 */
	public static UserPrincipal lookupUser(String name) throws IOException {
		return lookup().lookupPrincipalByName(name);
	}

	/**
	 * A group by name or numeric id.
	 * @param name the name or id
	 * @return the group
	 * @throws IOException if there is no such group
	 */
	public static GroupPrincipal lookupGroup(String name) throws IOException {
		return lookup().lookupPrincipalByGroupName(name);
	}

	private static UserPrincipalLookupService lookup() {
		return FileSystems.getDefault().getUserPrincipalLookupService();
	}

	/**
	 * The group whose members may connect, if one is configured.
	 * @return the group, or {@code null}
	 */
	public @Nullable GroupPrincipal group() {
		return this.group;
	}

	String currentUser() {
		return this.currentUser;
	}

	/**
	 * Whether the sockets of a user may be used.
	 * @param user the user
	 * @return whether it is the current user or a trusted one
	 */
	boolean isTrusted(UserPrincipal user) {
		String name = user.getName();
		// Windows names the owner DOMAIN\\user
		return name.equals(this.currentUser) || name.endsWith("\\" + this.currentUser)
				|| this.trustedUsers.contains(user);
	}

	private String trustedNames() {
		return (this.trustedUsers.isEmpty()) ? this.currentUser : this.currentUser + ", "
				+ this.trustedUsers.stream().map(UserPrincipal::getName).collect(Collectors.joining(", "));
	}

	// The reason the directory cannot be trusted, or null
	@Nullable String untrustedDirectory(Path directory) {
		try {
			if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
				return "The socket directory " + directory + " does not exist or is a link.";
			}
			UserPrincipal owner = Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS);
			if (!isTrusted(owner) && !owner.getName().equals("root")) {
				return "The socket directory " + directory + " belongs to " + owner.getName() + ", who is not trusted ("
						+ trustedNames() + "). Add the user to loopback.fast-path.unix-domain.trusted-users if its "
						+ "sockets may be used.";
			}
			return SocketPermissions.posix() ? untrustedPosixDirectory(directory) : untrustedAclDirectory(directory);
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return "The socket directory " + directory + " could not be checked: " + ex;
		}
	}

	private @Nullable String untrustedPosixDirectory(Path directory) throws IOException {
		PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class,
				LinkOption.NOFOLLOW_LINKS);
		Set<PosixFilePermission> permissions = attributes.permissions();
		String mode = PosixFilePermissions.toString(permissions);
		if (permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
			return "The socket directory " + directory + " is writable by others (" + mode
					+ "); it must be owner-only (rwx------) or shared with one group only.";
		}
		if (permissions.contains(PosixFilePermission.GROUP_WRITE) && !attributes.group().equals(this.group)) {
			return "The socket directory " + directory + " is writable by the group " + attributes.group().getName()
					+ " (" + mode + "); set loopback.fast-path.unix-domain.group=" + attributes.group().getName()
					+ " if its members are trusted, or make the directory owner-only (rwx------).";
		}
		return null;
	}

	private @Nullable String untrustedAclDirectory(Path directory) throws IOException {
		AclFileAttributeView acl = Files.getFileAttributeView(directory, AclFileAttributeView.class);
		if (acl == null) {
			return null;
		}
		UserPrincipal owner = Files.getOwner(directory);
		boolean others = acl.getAcl()
			.stream()
			.anyMatch((entry) -> entry.type() == AclEntryType.ALLOW && !entry.principal().equals(owner)
					&& !entry.principal().equals(this.group));
		return others ? "The socket directory " + directory
				+ " grants access to others than its owner and the configured group; its ACL must name them only."
				: null;
	}

	// The reason a socket file cannot be trusted, or null; does not connect
	@Nullable String untrustedFile(Path socket) {
		Path parent = socket.toAbsolutePath().getParent();
		if (parent == null) {
			return "The socket " + socket + " is not in a directory.";
		}
		String directory = untrustedDirectory(parent);
		if (directory != null) {
			return directory;
		}
		try {
			if (Files.isSymbolicLink(socket)) {
				return "The socket file " + socket + " is a symbolic link.";
			}
			UserPrincipal owner = Files.getOwner(socket, LinkOption.NOFOLLOW_LINKS);
			if (!isTrusted(owner)) {
				return "The socket file " + socket + " belongs to " + owner.getName() + ", who is not trusted ("
						+ trustedNames() + "). Add the user to loopback.fast-path.unix-domain.trusted-users if its "
						+ "sockets may be used.";
			}
			return null;
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return "The socket file " + socket + " could not be checked: " + ex;
		}
	}

	// Connects to the socket: null if a trusted user's process listens on it, else the
	// reason; throws if nothing listens
	@Nullable String untrustedPeer(Path socket) throws IOException {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			// Never waits: a server whose backlog is full is not judged now
			// (TCP this time)
			channel.configureBlocking(false);
			if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
				throw new IOException("The AF_UNIX connect to " + socket + " did not complete at once");
			}
			UnixDomainPrincipal peer;
			try {
				peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
			}
			catch (UnsupportedOperationException ex) {
				// Windows has no peer credentials: the directory's ACL is the check
				return null;
			}
			if (!isTrusted(peer.user())) {
				return "The process listening on " + socket + " runs as " + peer.user().getName()
						+ ", who is not trusted (" + trustedNames() + ").";
			}
			return null;
		}
	}

}
