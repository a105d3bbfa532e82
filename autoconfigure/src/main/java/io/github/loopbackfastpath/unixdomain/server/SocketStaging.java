package io.github.loopbackfastpath.unixdomain.server;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import io.github.loopbackfastpath.unixdomain.SocketNames;
import io.github.loopbackfastpath.unixdomain.SocketPermissions;
import org.jspecify.annotations.Nullable;

/**
 * Where a socket is bound before it is published: a new directory only this user may
 * enter, inside the socket directory (so that the socket can be linked into place on the
 * same file system), where no other user can connect to the socket before it has its
 * final permissions. {@code .<random>/<name>} is the name the kernel then gives the
 * listening socket ({@code ss -x} and {@code /proc/net/unix} show it; see
 * {@link SocketNames#boundAs}).
 *
 * @author Loopback Fast Path contributors
 */
final class SocketStaging {

	private SocketStaging() {
	}

	/**
	 * A private place to bind a socket, {@code null} where the file system has no POSIX
	 * permissions (Windows: the directory's ACL is owner-only from its creation).
	 * @param socket the socket file to publish
	 * @return the path to bind, or {@code null} to bind the socket file itself
	 * @throws IOException if the private directory cannot be made
	 */
	static @Nullable Path of(Path socket) throws IOException {
		Path directory = socket.getParent();
		if (!SocketPermissions.posix() || directory == null) {
			return null;
		}
		for (int attempt = 0;; attempt++) {
			// Unique, not secret: the directory is made owner-only and atomically, and a
			// name taken meanwhile is tried again (no SecureRandom: its providers cost
			// start-up tens of milliseconds)
			Path staging = directory
				.resolve("." + Long.toString(ThreadLocalRandom.current().nextInt() & 0x7fffffffL, 36));
			try {
				SocketPermissions.createPrivateDirectory(staging);
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
	 * Publish a socket bound in its private place under its own name, after it got its
	 * permissions: a second link to the same socket, which a client's connect reaches as
	 * well. The private one stays until the server closes.
	 * @param staged where the socket was bound
	 * @param socket its published name
	 * @throws IOException if the name is taken meanwhile or the link fails
	 */
	static void link(Path staged, Path socket) throws IOException {
		Files.createLink(socket, staged);
	}

	/**
	 * Remove a socket's private place, the socket in it included.
	 * @param staged where the socket was bound
	 */
	static void remove(Path staged) {
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

}
