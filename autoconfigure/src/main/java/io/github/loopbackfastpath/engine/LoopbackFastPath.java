package io.github.loopbackfastpath.engine;

import java.net.InetSocketAddress;
import java.nio.channels.Channel;
import java.nio.file.Path;
import java.util.function.Supplier;

import io.github.loopbackfastpath.platform.NativeHandle;
import io.github.loopbackfastpath.registry.LiveSocket;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.registry.TrackedSocket;
import org.jspecify.annotations.Nullable;

/**
 * What a hook asks of the starter: the fast path for a socket at the moment Windows
 * requires it (before a client connects, before a listener accepts), best effort. Nothing
 * here throws or changes a socket whose request is refused or impossible. Each call
 * returns the socket's {@link TrackedSocket}, where the hook reports what happens to it
 * later.
 *
 * @author Loopback Fast Path contributors
 * @see FastPathEngine
 */
public interface LoopbackFastPath {

	/**
	 * Whether sockets of a role get the fast path. Hooks installed for a disabled role
	 * leave the socket alone.
	 * @param role the role
	 * @return whether it is enabled
	 */
	boolean isEnabled(SocketRole role);

	/**
	 * Request the fast path for a JDK NIO channel.
	 * @param request what the hook knows
	 * @param channel the channel
	 * @return the tracked socket
	 */
	TrackedSocket request(SocketRequest request, Channel channel);

	/**
	 * Request the fast path for a socket whose handle the hook finds itself (a library
	 * that exposes its descriptor). The handle is read only where the ioctl needs it;
	 * elsewhere when the endpoint is read, so the reader must not keep the socket
	 * reachable.
	 * @param request what the hook knows
	 * @param handle reads the handle, or why it is unavailable
	 * @return the tracked socket
	 */
	TrackedSocket request(SocketRequest request, Supplier<NativeHandle> handle);

	/**
	 * Record a socket that was deliberately left alone.
	 * @param request what the hook knows
	 * @param reason why
	 * @return the tracked socket
	 */
	TrackedSocket skip(SocketRequest request, String reason);

	/**
	 * Record an AF_UNIX socket a hook met, such as Spring gRPC's domain-socket server:
	 * there is no TCP, so no ioctl is requested.
	 * @param role the socket's role
	 * @param component what opened the socket
	 * @param path the socket file
	 * @param socket the live socket, or {@code null} if it is not tracked
	 * @return the tracked socket
	 */
	TrackedSocket notTcp(SocketRole role, String component, Path path, @Nullable LiveSocket socket);

	/**
	 * Record a socket left alone because configuration turned the fast path off for its
	 * role.
	 * @param request what the hook knows
	 * @return the tracked socket
	 */
	TrackedSocket disabled(SocketRequest request);

	/**
	 * Record a listening socket no hook reached: {@code DISABLED} when listeners are
	 * turned off by configuration, otherwise {@code SKIPPED} with the reason.
	 * @param component what opened the socket
	 * @param address its local address
	 * @param reason why no hook reached it
	 * @return the tracked socket
	 */
	default TrackedSocket unreachedListener(String component, InetSocketAddress address, String reason) {
		SocketRequest request = SocketRequest.unreached(SocketRole.LISTENER, component, address);
		return isEnabled(SocketRole.LISTENER) ? skip(request, reason) : disabled(request);
	}

	/**
	 * Record that a hook itself failed on a socket, which was left as it was. Never
	 * throws: this is what hooks call from their last line of defence.
	 * @param role the socket's role
	 * @param component what opened the socket
	 * @param failure what went wrong
	 */
	void hookFailed(SocketRole role, String component, Throwable failure);

	/**
	 * Say that the sockets of a component are out of reach: the starter never sees them.
	 * @param component the component, such as {@code jdk-httpclient}
	 * @param reason why, and what to do instead
	 */
	void notCovered(String component, String reason);

	/**
	 * The OS socket of a JDK channel, for hooks that hold a library's channel wrapping
	 * one.
	 * @param channel the JDK channel
	 * @return the handle, or why it is unavailable
	 */
	NativeHandle handleOf(Channel channel);

}
