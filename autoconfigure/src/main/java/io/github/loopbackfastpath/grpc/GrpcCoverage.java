package io.github.loopbackfastpath.grpc;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.registry.SocketRole;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.grpc.client.CompositeGrpcChannelFactory;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.client.InProcessGrpcChannelFactory;
import org.springframework.grpc.client.NettyGrpcChannelFactory;
import org.springframework.grpc.client.ShadedNettyGrpcChannelFactory;
import org.springframework.grpc.server.GrpcServerFactory;
import org.springframework.grpc.server.InProcessGrpcServerFactory;
import org.springframework.grpc.server.NettyGrpcServerFactory;
import org.springframework.grpc.server.ShadedNettyGrpcServerFactory;

/**
 * Says on the endpoint, once, which of the gRPC server and channel factories the
 * application has are out of reach (for the roles that get the fast path): in-process
 * servers and channels have no socket at all; grpc-netty-shaded relocates Netty's
 * classes, which the starter's hooks do not see; any other factory is not hooked (a
 * composite is judged by the factories it delegates to, each a bean of its own). Told
 * apart by Spring gRPC's factory types.
 *
 * @author Loopback Fast Path contributors
 */
public final class GrpcCoverage implements SmartInitializingSingleton {

	static final String IN_PROCESS = Components.GRPC_IN_PROCESS;

	static final String SHADED = Components.GRPC_NETTY_SHADED;

	private static final String IN_PROCESS_REASON = "In-process gRPC servers and channels have no socket, so there is "
			+ "nothing to request the fast path for.";

	private static final String SHADED_REASON = "grpc-netty-shaded relocates Netty's classes, which the starter's "
			+ "hooks do not reach: its gRPC sockets run without the fast path. Use grpc-netty instead (the transport "
			+ "spring-boot-starter-grpc-server and -client bring) to get it.";

	private final LoopbackFastPath fastPath;

	private final ObjectProvider<GrpcServerFactory> servers;

	private final ObjectProvider<GrpcChannelFactory> channels;

	/**
	 * Create the check.
	 * @param fastPath the engine
	 * @param servers the application's gRPC server factories
	 * @param channels the application's gRPC channel factories
	 */
	public GrpcCoverage(LoopbackFastPath fastPath, ObjectProvider<GrpcServerFactory> servers,
			ObjectProvider<GrpcChannelFactory> channels) {
		this.fastPath = fastPath;
		this.servers = servers;
		this.channels = channels;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.fastPath.isEnabled(SocketRole.LISTENER)) {
			this.servers.forEach(this::checkServer);
		}
		if (this.fastPath.isEnabled(SocketRole.CLIENT)) {
			this.channels.forEach(this::checkChannels);
		}
	}

	private void checkServer(GrpcServerFactory factory) {
		if (factory instanceof InProcessGrpcServerFactory) {
			this.fastPath.notCovered(IN_PROCESS, IN_PROCESS_REASON);
		}
		else if (factory instanceof ShadedNettyGrpcServerFactory) {
			this.fastPath.notCovered(SHADED, SHADED_REASON);
		}
		else if (!(factory instanceof NettyGrpcServerFactory)) {
			notHooked(factory);
		}
	}

	private void checkChannels(GrpcChannelFactory factory) {
		if (factory instanceof InProcessGrpcChannelFactory) {
			this.fastPath.notCovered(IN_PROCESS, IN_PROCESS_REASON);
		}
		else if (factory instanceof ShadedNettyGrpcChannelFactory) {
			this.fastPath.notCovered(SHADED, SHADED_REASON);
		}
		else if (!(factory instanceof NettyGrpcChannelFactory) && !(factory instanceof CompositeGrpcChannelFactory)) {
			notHooked(factory);
		}
	}

	private void notHooked(Object factory) {
		this.fastPath.notCovered(factory.getClass().getName(), "The gRPC factory " + factory.getClass().getName()
				+ " is not one the starter hooks (Spring gRPC's Netty factories): its sockets, if any, run without "
				+ "the fast path.");
	}

}
