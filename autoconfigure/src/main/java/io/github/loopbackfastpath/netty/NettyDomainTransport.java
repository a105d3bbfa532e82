package io.github.loopbackfastpath.netty;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * The Netty transport of the same-host mode's AF_UNIX channels that are not Reactor
 * Netty's (the gRPC server on the socket and gRPC channels routed to one): epoll, as
 * grpc-netty runs on Linux, or NIO. The epoll classes are loaded only where epoll is
 * chosen.
 *
 * @author Loopback Fast Path contributors
 */
public enum NettyDomainTransport {

	/**
	 * The JDK's AF_UNIX channels.
	 */
	NIO {

		@Override
		public Channel connect(Path socket) throws IOException {
			SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
			try {
				channel.configureBlocking(false);
				if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
					throw new IOException("The AF_UNIX connect did not complete at once (its backlog is full)");
				}
				return new NioDomainSocketChannel(channel);
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}

	},

	/**
	 * Netty's native epoll channels.
	 */
	EPOLL {

		@Override
		public Channel connect(Path socket) throws IOException {
			return Epoll.connected(socket);
		}

	},

	/**
	 * A transport without AF_UNIX channels here (such as io_uring).
	 */
	OTHER {

		@Override
		public @Nullable Channel connect(Path socket) {
			return null;
		}

	};

	private static final String EPOLL_SOCKET_CHANNEL = "io.netty.channel.epoll.EpollSocketChannel";

	/**
	 * The transport of a TCP channel, so that an AF_UNIX channel runs on the same event
	 * loops.
	 * @param tcp the TCP channel
	 * @return its transport
	 */
	public static NettyDomainTransport of(Channel tcp) {
		if (tcp instanceof NioSocketChannel) {
			return NIO;
		}
		return tcp.getClass().getName().equals(EPOLL_SOCKET_CHANNEL) ? EPOLL : OTHER;
	}

	/**
	 * The transport a server on an AF_UNIX socket runs on: epoll where Netty has it, else
	 * NIO (macOS, Windows).
	 * @return {@link #EPOLL} or {@link #NIO}
	 */
	public static NettyDomainTransport forServer() {
		try {
			return io.netty.channel.epoll.Epoll.isAvailable() ? EPOLL : NIO;
		}
		catch (LinkageError ex) {
			return NIO;
		}
	}

	/**
	 * An AF_UNIX channel connected to a socket, here, so that a failed connect leaves the
	 * connection to TCP.
	 * @param socket the socket file
	 * @return the channel, or {@code null} for a transport without one
	 * @throws IOException if the connect fails
	 */
	public abstract @Nullable Channel connect(Path socket) throws IOException;

	/**
	 * The address of a socket file for this transport.
	 * @param socket the socket file
	 * @return the address: Netty's own for epoll, the JDK's for NIO
	 */
	public SocketAddress address(Path socket) {
		return (this == EPOLL) ? Epoll.address(socket) : UnixDomainSocketAddress.of(socket);
	}

	/**
	 * The server channel type of this transport.
	 * @return the channel type
	 */
	public Class<? extends ServerChannel> serverChannelType() {
		return (this == EPOLL) ? Epoll.serverChannelType() : NioServerDomainSocketChannel.class;
	}

	/**
	 * An event loop group of this transport, of daemon threads.
	 * @param threads how many, 0 for Netty's default
	 * @param name the threads' name
	 * @return the group
	 */
	public EventLoopGroup group(int threads, String name) {
		return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true),
				(this == EPOLL) ? io.netty.channel.epoll.EpollIoHandler.newFactory() : NioIoHandler.newFactory());
	}

	/**
	 * Netty's epoll domain socket classes: loaded only where epoll is the transport.
	 */
	private static final class Epoll {

		static Channel connected(Path socket) throws IOException {
			io.netty.channel.epoll.LinuxSocket channel = io.netty.channel.epoll.LinuxSocket.newSocketDomain();
			try {
				if (!channel.connect(address(socket))) {
					throw new IOException("The AF_UNIX connect did not complete at once (its backlog is full)");
				}
				return new io.netty.channel.epoll.EpollDomainSocketChannel(channel.intValue(), true);
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}

		static io.netty.channel.unix.DomainSocketAddress address(Path socket) {
			return new io.netty.channel.unix.DomainSocketAddress(socket.toString());
		}

		static Class<? extends ServerChannel> serverChannelType() {
			return io.netty.channel.epoll.EpollServerDomainSocketChannel.class;
		}

	}

}
