package io.github.loopbackfastpath.client.jetty;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.registry.LiveSocket;
import io.github.loopbackfastpath.registry.SocketRole;
import org.eclipse.jetty.io.ClientConnector;

/**
 * Gives every connection of Jetty's HTTP client the fast path before it connects, through
 * Jetty's public {@link ClientConnector.ConnectListener}: the channel is open and not yet
 * connected when {@link #onConnectBegin} runs. A connection to a resolved address that is
 * not loopback is recorded as skipped (the ioctl has no effect there); an AF_UNIX one is
 * the same-host mode's to record.
 *
 * @author Loopback Fast Path contributors
 */
public final class JettyClientFastPath implements ClientConnector.ConnectListener {

	private final LoopbackFastPath fastPath;

	/**
	 * Create the hook.
	 * @param fastPath the engine
	 */
	public JettyClientFastPath(LoopbackFastPath fastPath) {
		this.fastPath = fastPath;
	}

	/**
	 * Add this hook to a client connector; the place for Spring Boot's
	 * {@code withClientConnectorCustomizerCustomizer}.
	 * @param connector the connector
	 */
	public void apply(ClientConnector connector) {
		connector.addEventListener(this);
	}

	@Override
	public void onConnectBegin(SocketChannel channel, SocketAddress address) {
		if (!(address instanceof InetSocketAddress remote)) {
			return;
		}
		try {
			SocketRequest request = SocketRequest.client(Components.JETTY_CLIENT, LiveSocket.of(channel), remote);
			String notLoopback = request.notLoopback();
			if (notLoopback != null) {
				this.fastPath.skip(request, notLoopback);
			}
			else {
				this.fastPath.request(request, channel);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			// Best effort: never break a connection, never stay silent
			this.fastPath.hookFailed(SocketRole.CLIENT, Components.JETTY_CLIENT, ex);
		}
	}

}
