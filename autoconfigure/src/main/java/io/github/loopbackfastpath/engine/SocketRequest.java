package io.github.loopbackfastpath.engine;

import java.net.InetSocketAddress;

import io.github.loopbackfastpath.registry.LiveSocket;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.registry.Stage;
import org.jspecify.annotations.Nullable;

/**
 * What a hook knows about a socket when it asks for the fast path.
 *
 * @param role listener or client
 * @param component what opened the socket, such as {@code tomcat}
 * @param stage when in the socket's life the hook runs
 * @param socket a view of the Java socket, or {@code null} if there is none to watch
 * @param localAddress the local address known to the hook, or {@code null}
 * @param remoteAddress the address a client is about to connect to, or {@code null}
 * @author Loopback Fast Path contributors
 */
public record SocketRequest(SocketRole role, String component, @Nullable Stage stage, @Nullable LiveSocket socket,
		@Nullable InetSocketAddress localAddress, @Nullable InetSocketAddress remoteAddress) {

	/**
	 * A listening socket.
	 * @param component what opened it
	 * @param stage when the hook runs
	 * @param socket a view of the socket
	 * @return the request
	 */
	public static SocketRequest listener(String component, Stage stage, LiveSocket socket) {
		return new SocketRequest(SocketRole.LISTENER, component, stage, socket, socket.localAddress(), null);
	}

	/**
	 * A socket the starter knows of but holds no view of: one it could not or would not
	 * hook, recorded with the reason.
	 * @param role listener or client
	 * @param component what opened it
	 * @param localAddress its local address, or {@code null} if unknown
	 * @return the request
	 */
	public static SocketRequest unreached(SocketRole role, String component, @Nullable InetSocketAddress localAddress) {
		return new SocketRequest(role, component, null, null, localAddress, null);
	}

	/**
	 * A client socket about to connect.
	 * @param component what opened it
	 * @param socket a view of the socket
	 * @param remoteAddress where it will connect, or {@code null} if not known yet
	 * @return the request
	 */
	public static SocketRequest client(String component, LiveSocket socket, @Nullable InetSocketAddress remoteAddress) {
		return new SocketRequest(SocketRole.CLIENT, component, Stage.BEFORE_CONNECT, socket, socket.localAddress(),
				remoteAddress);
	}

	/**
	 * Why the fast path is not requested for a client about to connect: its remote
	 * address is resolved and not loopback, where the ioctl has no effect. The one place
	 * of this rule for every client hook.
	 * @return the reason to skip it, or {@code null} to request it
	 */
	public @Nullable String notLoopback() {
		InetSocketAddress remote = this.remoteAddress;
		if (this.role != SocketRole.CLIENT || remote == null || remote.isUnresolved()
				|| remote.getAddress().isLoopbackAddress()) {
			return null;
		}
		return "The remote address " + remote.getAddress().getHostAddress()
				+ " is not loopback: the fast path has no effect there, so no ioctl was spent on it.";
	}

}
