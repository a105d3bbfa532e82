package io.github.loopbackfastpath.registry;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

/**
 * A weak view of the Java socket behind a record, read when records are read: never on
 * the connection path, and never keeping a socket alive. It remembers the last addresses
 * it saw, so that a record keeps them once its socket is closed or collected.
 *
 * @author Loopback Fast Path contributors
 */
public abstract class LiveSocket {

	private volatile @Nullable InetSocketAddress lastLocal;

	private volatile @Nullable InetSocketAddress lastRemote;

	/**
	 * Whether the socket is still open. A socket that was garbage collected is not.
	 * @return whether the socket is open
	 */
	public abstract boolean isOpen();

	/**
	 * The socket's local address now.
	 * @return the address, or {@code null} if unbound, closed or unknown
	 */
	protected abstract @Nullable InetSocketAddress readLocalAddress();

	/**
	 * The socket's remote address now.
	 * @return the address, or {@code null} if unconnected, closed or unknown
	 */
	protected abstract @Nullable InetSocketAddress readRemoteAddress();

	/**
	 * The local address: current while the socket is open, else the last one seen.
	 * @return the address, or {@code null} if never seen
	 */
	public final @Nullable InetSocketAddress localAddress() {
		InetSocketAddress current = readLocalAddress();
		if (current != null) {
			this.lastLocal = current;
		}
		return this.lastLocal;
	}

	/**
	 * The remote address: current while the socket is open, else the last one seen.
	 * @return the address, or {@code null} if never seen
	 */
	public final @Nullable InetSocketAddress remoteAddress() {
		InetSocketAddress current = readRemoteAddress();
		if (current != null) {
			this.lastRemote = current;
		}
		return this.lastRemote;
	}

	/**
	 * A view of a JDK NIO channel.
	 * @param channel the channel
	 * @return the view
	 */
	public static LiveSocket of(NetworkChannel channel) {
		return new NetworkChannelSocket(channel);
	}

	/**
	 * The address if it is an IP socket address.
	 * @param address any socket address
	 * @return the address, or {@code null}
	 */
	public static @Nullable InetSocketAddress inet(@Nullable SocketAddress address) {
		return (address instanceof InetSocketAddress inet) ? inet : null;
	}

	/**
	 * A weakly held JDK channel. Addresses are read through the channel's socket adaptor,
	 * which keeps them after the channel is closed and never throws.
	 */
	private static final class NetworkChannelSocket extends LiveSocket {

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
		protected @Nullable InetSocketAddress readLocalAddress() {
			NetworkChannel channel = this.channel.get();
			try {
				if (channel instanceof SocketChannel socketChannel) {
					return inet(socketChannel.socket().getLocalSocketAddress());
				}
				if (channel instanceof ServerSocketChannel serverChannel) {
					return inet(serverChannel.socket().getLocalSocketAddress());
				}
				return (channel != null && channel.isOpen()) ? inet(channel.getLocalAddress()) : null;
			}
			catch (IOException | UnsupportedOperationException ex) {
				// A Unix domain socket has no socket adaptor and no IP address
				return null;
			}
		}

		@Override
		protected @Nullable InetSocketAddress readRemoteAddress() {
			NetworkChannel channel = this.channel.get();
			try {
				return (channel instanceof SocketChannel socketChannel)
						? inet(socketChannel.socket().getRemoteSocketAddress()) : null;
			}
			catch (UnsupportedOperationException ex) {
				return null;
			}
		}

	}

}
