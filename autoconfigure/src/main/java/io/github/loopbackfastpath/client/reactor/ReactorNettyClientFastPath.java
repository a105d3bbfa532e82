package io.github.loopbackfastpath.client.reactor;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.netty.NettyChannels;
import io.github.loopbackfastpath.record.SocketRole;
import io.github.loopbackfastpath.record.TrackedSocket;
import io.netty.channel.Channel;
import reactor.netty.ConnectionObserver;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.TcpClient;

/**
 * Adds the fast path to a Reactor Netty {@link HttpClient}. {@code doOnChannelInit} runs
 * on each new channel after it is registered and before it connects, on the native and
 * the NIO transport alike; earlier channel initialisers of the client are kept.
 *
 * @author Loopback Fast Path contributors
 */
public final class ReactorNettyClientFastPath {

	/**
	 * The component name of Reactor Netty client records.
	 */
	public static final String COMPONENT = "reactor-netty-client";

	private final LoopbackFastPath fastPath;

	/**
	 * Create the hook.
	 * @param fastPath the engine
	 */
	public ReactorNettyClientFastPath(LoopbackFastPath fastPath) {
		this.fastPath = fastPath;
	}

	/**
	 * The client with the fast path requested on every connection it opens.
	 * @param client a client
	 * @return the customised client
	 */
	public HttpClient apply(HttpClient client) {
		return client.doOnChannelInit(this::onChannelInit);
	}

	/**
	 * The TCP client with the fast path requested on every connection it opens.
	 * @param client a client
	 * @return the customised client
	 */
	public TcpClient apply(TcpClient client) {
		return client.doOnChannelInit(this::onChannelInit);
	}

	void onChannelInit(ConnectionObserver observer, Channel channel, SocketAddress remoteAddress) {
		try {
			InetSocketAddress remote = (remoteAddress instanceof InetSocketAddress inet) ? inet : null;
			SocketRequest request = SocketRequest.client(COMPONENT, NettyChannels.live(channel), remote);
			TrackedSocket record;
			if (remote != null && !remote.isUnresolved() && !remote.getAddress().isLoopbackAddress()) {
				record = this.fastPath.skip(request, "The remote address " + remote.getAddress().getHostAddress()
						+ " is not loopback: the fast path has no effect there, so no ioctl was spent on it.");
			}
			else {
				record = this.fastPath.request(request, NettyChannels.handle(channel, this.fastPath));
			}
			NettyChannels.closeWith(channel, record);
		}
		catch (RuntimeException | LinkageError ex) {
			// Best effort: never break a connection, never stay silent
			this.fastPath.hookFailed(SocketRole.CLIENT, COMPONENT, ex);
		}
	}

}
