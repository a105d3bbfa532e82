package io.github.loopbackfastpath.unixdomain.netty;

import io.github.loopbackfastpath.unixdomain.SocketBuffers;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;

/**
 * Asks for the same-host mode's buffer size on a Netty AF_UNIX channel (epoll, kqueue or
 * NIO), as {@link SocketBuffers} does on a JDK channel.
 *
 * @author Loopback Fast Path contributors
 */
public final class NettySocketBuffers {

	private NettySocketBuffers() {
	}

	/**
	 * Ask for the buffer size on a channel; a channel that refuses it keeps its default.
	 * @param channel an AF_UNIX channel
	 * @param buffers the buffer size
	 */
	public static void applyTo(Channel channel, SocketBuffers buffers) {
		if (!buffers.isSet()) {
			return;
		}
		try {
			channel.config().setOption(ChannelOption.SO_SNDBUF, buffers.size());
			channel.config().setOption(ChannelOption.SO_RCVBUF, buffers.size());
		}
		catch (ChannelException ex) {
			// The OS default stays
		}
	}

}
