package io.github.loopbackfastpath.netty;

import java.util.function.BiConsumer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;

/**
 * Asks for the same-host mode's buffer size on a Netty AF_UNIX channel (epoll, kqueue or
 * NIO): the mechanism; the size and what 0 means are the mode's {@code SocketBuffers}.
 *
 * @author Loopback Fast Path contributors
 */
public final class NettySocketBuffers {

	private NettySocketBuffers() {
	}

	/**
	 * Ask for the buffer size on a channel; a channel that refuses it keeps its default.
	 * @param channel an AF_UNIX channel
	 * @param size the buffer size in bytes, 0 for the OS default
	 */
	public static void applyTo(Channel channel, int size) {
		try {
			applyTo((option, value) -> channel.config().setOption(option, value), size);
		}
		catch (ChannelException ex) {
			// The OS default stays
		}
	}

	/**
	 * Ask for the buffer size through a builder's options, such as the child options of a
	 * server's accepted channels.
	 * @param options takes each option and its value
	 * @param size the buffer size in bytes, 0 for the OS default
	 */
	public static void applyTo(BiConsumer<ChannelOption<Integer>, Integer> options, int size) {
		if (size > 0) {
			options.accept(ChannelOption.SO_SNDBUF, size);
			options.accept(ChannelOption.SO_RCVBUF, size);
		}
	}

}
