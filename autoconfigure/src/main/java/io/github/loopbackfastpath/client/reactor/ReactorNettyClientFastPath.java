package io.github.loopbackfastpath.client.reactor;

import java.net.SocketAddress;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.netty.NettyChannels;
import io.github.loopbackfastpath.registry.Components;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;
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

	void onChannelInit(ConnectionObserver observer, Channel channel, @Nullable SocketAddress remoteAddress) {
		NettyChannels.beforeConnect(this.fastPath, Components.REACTOR_NETTY_CLIENT, channel, remoteAddress);
	}

}
