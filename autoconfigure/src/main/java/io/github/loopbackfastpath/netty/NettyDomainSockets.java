package io.github.loopbackfastpath.netty;

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

import io.netty.channel.unix.DomainSocketAddress;
import org.jspecify.annotations.Nullable;
import reactor.netty.resources.LoopResources;

/**
 * How Reactor Netty reaches an AF_UNIX socket, for the same-host mode's client and server
 * alike: through the native transport (epoll, kqueue) and Netty's own address where
 * Reactor Netty has native support, as its TCP connections do; else through NIO and the
 * JDK's {@link UnixDomainSocketAddress}.
 *
 * @author Loopback Fast Path contributors
 */
public final class NettyDomainSockets {

	private NettyDomainSockets() {
	}

	/**
	 * Whether AF_UNIX sockets go through the native transport.
	 * @return whether to prefer the native transport for them
	 */
	public static boolean nativeTransport() {
		return LoopResources.hasNativeSupport();
	}

	/**
	 * The address of a socket file for the transport {@link #nativeTransport()} chooses.
	 * @param socket the socket file
	 * @return the address
	 */
	public static SocketAddress address(Path socket) {
		return address(socket, nativeTransport());
	}

	/**
	 * The address of a socket file for one transport.
	 * @param socket the socket file
	 * @param nativeTransport whether the channel is a native (epoll, kqueue) one
	 * @return the address: Netty's own for a native channel, the JDK's for NIO
	 */
	public static SocketAddress address(Path socket, boolean nativeTransport) {
		return nativeTransport ? Native.address(socket) : UnixDomainSocketAddress.of(socket);
	}

	/**
	 * Whether an address is an AF_UNIX socket's, the JDK's or Netty's own. Loads no
	 * native transport class: gRPC's hooks ask too.
	 * @param address the address
	 * @return whether it names an AF_UNIX socket
	 */
	public static boolean isDomainSocket(SocketAddress address) {
		return address instanceof UnixDomainSocketAddress
				|| address.getClass().getName().equals("io.netty.channel.unix.DomainSocketAddress");
	}

	/**
	 * The socket file an AF_UNIX address names, the JDK's or Netty's own.
	 * @param address the address
	 * @return the socket file, or {@code null} if the address is not an AF_UNIX one
	 */
	public static @Nullable Path path(SocketAddress address) {
		if (address instanceof UnixDomainSocketAddress unix) {
			return unix.getPath();
		}
		return isDomainSocket(address) ? Native.path(address) : null;
	}

	/**
	 * Netty's own domain socket address: only loaded where the native transports are.
	 */
	private static final class Native {

		static SocketAddress address(Path socket) {
			return new DomainSocketAddress(socket.toString());
		}

		static Path path(SocketAddress address) {
			return Path.of(((DomainSocketAddress) address).path());
		}

	}

}
