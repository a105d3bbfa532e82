package io.github.loopbackfastpath.grpc;

import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;

import org.springframework.core.Ordered;

/**
 * One of the starter's wrappers of a gRPC channel's Netty channel factory, which
 * {@link GrpcChannels} applies in their {@link Ordered order}, innermost first: the
 * recording of {@code unix:} targets ({@link #UNIX_TARGETS}), the ioctl ({@link #IOCTL}),
 * then the same-host mode ({@link #SAME_HOST}), which decides per connection between
 * AF_UNIX and the TCP connections the others see.
 *
 * @author Loopback Fast Path contributors
 */
public interface GrpcChannelWrapper extends Ordered {

	/**
	 * The order of the recording of channels to {@code unix:} targets: innermost.
	 */
	int UNIX_TARGETS = 100;

	/**
	 * The order of the ioctl, on the channels' TCP connections.
	 */
	int IOCTL = 200;

	/**
	 * The order of the same-host mode: outermost, so that a connection it makes on
	 * AF_UNIX is no other wrapper's.
	 */
	int SAME_HOST = 300;

	/**
	 * Wrap the channel factory of one channel.
	 * @param factory the factory so far
	 * @param target the channel's target, a named channel's resolved
	 * @param builder the channel's builder
	 * @return the wrapped factory, or {@code factory} where there is nothing to do for
	 * this channel
	 */
	ChannelFactory<? extends Channel> wrap(ChannelFactory<? extends Channel> factory, String target,
			NettyChannelBuilder builder);

	/**
	 * Say that the channel factories of this grpc-netty version cannot be wrapped.
	 * @param reason why
	 */
	void unreachable(String reason);

}
