package io.github.loopbackfastpath.unixdomain.server.grpc;

import java.net.SocketAddress;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import io.github.loopbackfastpath.unixdomain.server.AcceptedConnections;
import io.github.loopbackfastpath.unixdomain.server.netty.NettyPeers;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.ServerTransportFilter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.ServerChannel;

/**
 * The peers of the gRPC server on the socket: the server channel reads each accepted
 * connection's peer before grpc-netty sees the connection, and grpc-java's transport for
 * that connection (matched by the connection's remote address object, which Netty creates
 * once per connection) takes it into its attributes, whence every call on it has it
 * ({@link GrpcPeerIdentity}). Public grpc-java and Netty API only.
 *
 * @author Loopback Fast Path contributors
 */
final class GrpcPeers extends ServerTransportFilter {

	private final AcceptedConnections accepted;

	// Keyed by identity: every connection's address on an AF_UNIX socket is equal
	private final Map<SocketAddress, PeerIdentity> pending = Collections.synchronizedMap(new IdentityHashMap<>());

	GrpcPeers(AcceptedConnections accepted) {
		this.accepted = accepted;
	}

	/**
	 * Server channels of the given type, each reading the peers of what it accepts.
	 * @param type the transport's server channel type
	 * @return the factory
	 */
	ChannelFactory<ServerChannel> serverChannels(Class<? extends ServerChannel> type) {
		ReflectiveChannelFactory<? extends ServerChannel> channels = new ReflectiveChannelFactory<>(type);
		ChannelHandler reader = new PeerReading();
		return () -> {
			ServerChannel channel = channels.newChannel();
			// Before the acceptor Netty's bootstrap adds when it initialises the channel
			channel.pipeline().addLast(reader);
			return channel;
		};
	}

	@Override
	public Attributes transportReady(Attributes attributes) {
		SocketAddress remote = attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
		PeerIdentity peer = (remote != null) ? this.pending.remove(remote) : null;
		return (peer != null) ? attributes.toBuilder().set(GrpcPeerIdentity.ATTRIBUTE, peer).build() : attributes;
	}

	@ChannelHandler.Sharable
	private final class PeerReading extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			if (message instanceof Channel connection) {
				PeerIdentity peer = NettyPeers.accepted(GrpcPeers.this.accepted, connection);
				SocketAddress remote = connection.remoteAddress();
				if (peer != null && remote != null) {
					GrpcPeers.this.pending.put(remote, peer);
					connection.closeFuture().addListener((closed) -> GrpcPeers.this.pending.remove(remote));
				}
			}
			context.fireChannelRead(message);
		}

	}

}
