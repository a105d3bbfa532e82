package io.github.loopbackfastpath.server.jetty;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.registry.ListenerRecord;
import io.github.loopbackfastpath.registry.LiveSocket;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.registry.Stage;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jspecify.annotations.Nullable;

/**
 * When its connector starts, opens the listening channel the way
 * {@code ServerConnector#openAcceptChannel()} does (same host, port, reuse address, reuse
 * port and accept queue size), requesting the fast path between open and bind, and hands
 * it to {@link ServerConnector#open(ServerSocketChannel)}. If anything goes wrong the
 * channel is closed and the connector opens its own as usual, with its own error
 * messages.
 *
 * @author Loopback Fast Path contributors
 */
final class FastPathConnectorOpener implements LifeCycle.Listener, SelectorManager.AcceptListener {

	private final ServerConnector connector;

	private final LoopbackFastPath fastPath;

	private final String component;

	private final ListenerRecord record = new ListenerRecord();

	FastPathConnectorOpener(ServerConnector connector, LoopbackFastPath fastPath, String component) {
		this.connector = connector;
		this.fastPath = fastPath;
		this.component = component;
	}

	@Override
	public void lifeCycleStarting(LifeCycle event) {
		if (this.connector.isInheritChannel()) {
			this.record.set(this.fastPath.skip(SocketRequest.unreached(SocketRole.LISTENER, this.component, null),
					"Jetty uses the channel inherited from the launching process (inheritChannel): its creator must "
							+ "request the fast path."));
			return;
		}
		if (this.connector.getTransport() != null) {
			return;
		}
		ServerSocketChannel channel = null;
		try {
			channel = ServerSocketChannel.open();
			this.record.set(this.fastPath
				.request(SocketRequest.listener(this.component, Stage.BEFORE_BIND, LiveSocket.of(channel)), channel));
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, this.connector.getReuseAddress());
			if (channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
				channel.setOption(StandardSocketOptions.SO_REUSEPORT, this.connector.isReusePort());
			}
			String host = this.connector.getHost();
			InetSocketAddress address = (host != null) ? new InetSocketAddress(host, this.connector.getPort())
					: new InetSocketAddress(this.connector.getPort());
			channel.bind(address, this.connector.getAcceptQueueSize());
			this.connector.open(channel);
		}
		catch (IOException | RuntimeException | LinkageError ex) {
			// Let Jetty open its own channel and report its own errors
			closeQuietly(channel);
			this.record.closed();
		}
	}

	@Override
	public void lifeCycleStopped(LifeCycle event) {
		this.record.closed();
	}

	@Override
	public void onAccepted(SelectableChannel channel) {
		this.record.accepted();
	}

	private static void closeQuietly(@Nullable ServerSocketChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// nothing more to do
			}
		}
	}

}
