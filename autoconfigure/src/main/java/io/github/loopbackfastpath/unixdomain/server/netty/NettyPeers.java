package io.github.loopbackfastpath.unixdomain.server.netty;

import java.nio.channels.SocketChannel;

import io.github.loopbackfastpath.netty.NettyChannels;
import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import io.github.loopbackfastpath.unixdomain.server.AcceptedConnections;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * The peer of a connection Netty accepted on an AF_UNIX socket, for Reactor Netty's
 * server and the gRPC server alike: Netty alone, neither library.
 *
 * @author Loopback Fast Path contributors
 */
public final class NettyPeers {

	private NettyPeers() {
	}

	/**
	 * Tell of a connection Netty accepted on an AF_UNIX socket, and read its peer: the
	 * native transport has the socket's descriptor, the NIO one a JDK channel.
	 * @param accepted to tell of the connection
	 * @param channel the accepted connection
	 * @return its peer, or {@code null} if it cannot be read
	 */
	public static @Nullable PeerIdentity accepted(AcceptedConnections accepted, Channel channel) {
		Integer fd = NettyChannels.fd(channel);
		if (fd != null) {
			return accepted.accepted(fd);
		}
		if (NettyChannels.jdkChannel(channel) instanceof SocketChannel jdk) {
			return accepted.accepted(jdk);
		}
		return accepted.accepted((PeerIdentity) null);
	}

}
