package io.github.loopbackfastpath.engine;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

/**
 * A weak view of the Java socket behind a record, read when the endpoint is read: never on
 * the connection path, and never keeping a socket alive.
 *
 * @author Loopback Fast Path contributors
 */
public interface LiveSocket {

	/**
	 * Whether the socket is still open. A socket that was garbage collected is not.
	 * @return whether the socket is open
	 */
	boolean isOpen();

	/**
	 * The socket's current local address.
	 * @return the address, or {@code null} if unbound, closed or unknown
	 */
	@Nullable InetSocketAddress localAddress();

	/**
	 * The socket's current remote address.
	 * @return the address, or {@code null} if unconnected, closed or unknown
	 */
	@Nullable InetSocketAddress remoteAddress();

	/**
	 * A view of a JDK NIO channel.
	 * @param channel the channel
	 * @return the view
	 */
	static LiveSocket of(NetworkChannel channel) {
		return new NetworkChannelSocket(channel);
	}

	/**
	 * The address if it is an IP socket address.
	 * @param address any socket address
	 * @return the address, or {@code null}
	 */
	static @Nullable InetSocketAddress inet(@Nullable SocketAddress address) {
		return (address instanceof InetSocketAddress inet) ? inet : null;
	}

	/**
	 * A weakly held JDK channel. Addresses are read through the channel's socket adaptor,
	 * which keeps them after the channel is closed and never throws.
	 */
	final class NetworkChannelSocket implements LiveSocket {

		private final WeakReference<NetworkChannel> channel;

		NetworkChannelSocket(NetworkChannel channel) {
			this.channel = new WeakReference<>(channel);
		}

		@Override
		public boolean isOpen() {
			NetworkChannel channel = this.channel.get();
			return channel != null && channel.isOpen();
		}

		@Override
		public @Nullable InetSocketAddress localAddress() {
			NetworkChannel channel = this.channel.get();
			try {
				if (channel instanceof SocketChannel socketChannel) {
					return LiveSocket.inet(socketChannel.socket().getLocalSocketAddress());
				}
				if (channel instanceof ServerSocketChannel serverChannel) {
					return LiveSocket.inet(serverChannel.socket().getLocalSocketAddress());
				}
				return (channel != null && channel.isOpen()) ? LiveSocket.inet(channel.getLocalAddress()) : null;
			}
			catch (IOException | UnsupportedOperationException ex) {
				// A Unix domain socket has no socket adaptor and no IP address
				return null;
			}
		}

		@Override
		public @Nullable InetSocketAddress remoteAddress() {
			NetworkChannel channel = this.channel.get();
			try {
				return (channel instanceof SocketChannel socketChannel)
						? LiveSocket.inet(socketChannel.socket().getRemoteSocketAddress()) : null;
			}
			catch (UnsupportedOperationException ex) {
				return null;
			}
		}

	}

}
