package io.github.loopbackfastpath.unixdomain;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The AF_UNIX sockets this process serves, by the port and address TCP reaches their
 * listeners at: the server side adds each socket it publishes and removes it when it
 * stops; the router looks here before the directory, without a file system call.
 *
 * @author Loopback Fast Path contributors
 */
public final class OwnSockets {

	private final Map<Path, Own> sockets = new ConcurrentHashMap<>();

	/**
	 * A socket this process now serves.
	 * @param socket the socket file
	 * @param port the port of its TCP listener
	 * @param address the address its TCP listener is bound to, {@code null} for a
	 * wildcard address
	 * @param socketOnly whether its server has no TCP listener, so that a request to its
	 * port has nowhere else to go
	 */
	public void add(Path socket, int port, @Nullable InetAddress address, boolean socketOnly) {
		this.sockets.put(socket, new Own(port, address, socketOnly));
	}

	/**
	 * Whether a socket is the one of this process's server that has no TCP listener.
	 * @param socket the socket file
	 * @return whether it is served here with no TCP listener beside it
	 */
	public boolean isSocketOnly(Path socket) {
		Own own = this.sockets.get(socket);
		return own != null && own.socketOnly();
	}

	/**
	 * A socket this process no longer serves, or whose name is gone.
	 * @param socket the socket file
	 */
	public void remove(Path socket) {
		this.sockets.remove(socket);
	}

	/**
	 * Whether this process serves a socket.
	 * @param socket the socket file
	 * @return whether it was added and not removed
	 */
	public boolean contains(Path socket) {
		return this.sockets.containsKey(socket);
	}

	/**
	 * The socket TCP would reach at a loopback address and port: the one of a listener
	 * bound to that very address, else the one of a listener bound to a wildcard address.
	 * @param address the loopback address
	 * @param port the port
	 * @return the socket file, or {@code null} if this process serves none for it
	 */
	@Nullable Path socketFor(InetAddress address, int port) {
		Path wildcard = null;
		for (Map.Entry<Path, Own> entry : this.sockets.entrySet()) {
			Own own = entry.getValue();
			if (own.port() == port) {
				if (address.equals(own.address())) {
					return entry.getKey();
				}
				if (own.address() == null) {
					wildcard = entry.getKey();
				}
			}
		}
		return wildcard;
	}

	// A socket a client could not connect to: forgotten if its name is gone, unless
	// there is no TCP listener for its requests to go to instead
	void connectFailed(Path socket) {
		if (this.sockets.containsKey(socket) && !isSocketOnly(socket)
				&& !Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
			remove(socket);
		}
	}

	private record Own(int port, @Nullable InetAddress address, boolean socketOnly) {
	}

}
