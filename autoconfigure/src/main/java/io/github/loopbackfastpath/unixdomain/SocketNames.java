package io.github.loopbackfastpath.unixdomain;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * How the same-host mode names its sockets, and how long a socket path may be.
 *
 * @author Loopback Fast Path contributors
 */
public final class SocketNames {

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

	private SocketNames() {
	}

	/**
	 * The name of a TCP listener's socket: {@code <port>.sock} for one bound to a
	 * wildcard address, which TCP reaches on every loopback address, and the port,
	 * {@code @} and the address for one bound to a single address, which TCP reaches on
	 * that address only (such as {@code 8080@127.0.0.2.sock}; {@code :} of an IPv6
	 * address written {@code _}). With a network namespace, for when another namespace
	 * sharing the directory already serves that name, {@code -net<namespace>} before
	 * {@code .sock}.
	 * @param port the port
	 * @param address the address the listener is bound to, or {@code null} for a wildcard
	 * address
	 * @param namespace the network namespace's identifier, or {@code null}
	 * @return the file name
	 */
	public static String name(int port, @Nullable InetAddress address, @Nullable String namespace) {
		StringBuilder name = new StringBuilder().append(port);
		if (address != null && !address.isAnyLocalAddress()) {
			name.append('@').append(address.getHostAddress().replace(':', '_'));
		}
		if (namespace != null) {
			name.append("-net").append(namespace);
		}
		return name.append(".sock").toString();
	}

	/**
	 * Why a path is too long for a socket address, once bound in its private place.
	 * @param socket the socket file
	 * @return the reason, or {@code null} if it is not
	 */
	public static @Nullable String tooLong(Path socket) {
		int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
		if (length + STAGING_BYTES <= MAX_PATH_BYTES) {
			return null;
		}
		return "The socket path " + socket + " is " + length + " bytes long; the OS takes at most " + MAX_PATH_BYTES
				+ ", " + STAGING_BYTES + " of which the private directory it is bound in takes. Choose a shorter "
				+ "loopback.fast-path.unix-domain.directory.";
	}

	/**
	 * Whether the kernel's name of a listening socket is a published socket's: the socket
	 * file itself, or the private place it was bound in before it was published
	 * ({@code .<random>/<name>} beside it).
	 * @param bound the path the socket was bound to, as {@code /proc/net/unix} shows it
	 * @param socket the published socket file
	 * @return whether it names that socket
	 */
	public static boolean boundAs(String bound, Path socket) {
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

}
