package io.github.loopbackfastpath.grpc;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.registry.SocketRegistry;

import org.springframework.context.ApplicationListener;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * Once a gRPC server has started, makes sure each of its listening sockets has a record:
 * {@code DISABLED} when listeners are turned off by configuration, {@code SKIPPED} when
 * no hook reached it (a server the application built itself, a transport the starter does
 * not hook).
 *
 * @author Loopback Fast Path contributors
 */
public final class GrpcListenerCheck implements ApplicationListener<GrpcServerStartedEvent> {

	private final LoopbackFastPath fastPath;

	private final SocketRegistry registry;

	/**
	 * Create the check.
	 * @param fastPath the engine
	 * @param registry the records
	 */
	public GrpcListenerCheck(LoopbackFastPath fastPath, SocketRegistry registry) {
		this.fastPath = fastPath;
		this.registry = registry;
	}

	@Override
	public void onApplicationEvent(GrpcServerStartedEvent event) {
		for (SocketAddress address : event.getServer().getListenSockets()) {
			if (address instanceof InetSocketAddress inet && !this.registry.hasOpenListener(inet.getPort())) {
				this.fastPath.unreachedListener(Components.GRPC, inet,
						"No hook of this starter reached " + "the gRPC server's listening socket " + inet + " ("
								+ event.getServer().getClass().getName() + ").");
			}
		}
	}

}
