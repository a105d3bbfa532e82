package io.github.loopbackfastpath.unixdomain.client.jetty;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.file.Path;
import java.util.Map;

import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.registry.TrackedSocket;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.client.ClientConnections;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.Promise;

/**
 * Jetty's AF_UNIX transport for one connection the router routed: connects to the socket
 * file instead of the resolved TCP address, records the connection, and, if the AF_UNIX
 * connect fails, connects the same connection over the TCP transport it replaced. Jetty
 * writes a request only once its connection succeeded, so nothing is sent twice.
 *
 * @author Loopback Fast Path contributors
 */
final class UnixDomainTransport extends Transport.TCPUnix {

	private final Path socket;

	private final Transport tcp;

	private final UnixDomainRouter router;

	private final ClientConnections connections;

	UnixDomainTransport(Path socket, Transport tcp, UnixDomainRouter router, ClientConnections connections) {
		super(socket);
		this.socket = socket;
		this.tcp = tcp;
		this.router = router;
		this.connections = connections;
	}

	@Override
	public SelectableChannel newSelectableChannel() throws IOException {
		SelectableChannel channel = super.newSelectableChannel();
		if (channel instanceof NetworkChannel network) {
			this.connections.buffers().applyTo(network);
		}
		return channel;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void connect(SocketAddress tcpAddress, Map<String, Object> context) {
		Promise<Connection> promise = (Promise<Connection>) context.get(ClientConnector.CONNECTION_PROMISE_CONTEXT_KEY);
		if (promise == null) {
			super.connect(getSocketAddress(), context);
			return;
		}
		context.put(ClientConnector.CONNECTION_PROMISE_CONTEXT_KEY, new Promise<Connection>() {

			@Override
			public void succeeded(Connection connection) {
				TrackedSocket record = UnixDomainTransport.this.connections.connected(Components.JETTY_CLIENT,
						UnixDomainTransport.this.socket, connection.getEndPoint()::isOpen);
				connection.addEventListener(new Connection.Listener() {

					@Override
					public void onClosed(Connection closed) {
						record.closed();
					}

				});
				promise.succeeded(connection);
			}

			@Override
			public void failed(Throwable failure) {
				fallBack(tcpAddress, context, promise, failure);
			}

		});
		super.connect(getSocketAddress(), context);
	}

	private void fallBack(SocketAddress tcpAddress, Map<String, Object> context, Promise<Connection> promise,
			Throwable failure) {
		IOException noTcp = this.router.fellBack(Components.JETTY_CLIENT, this.socket, failure);
		if (noTcp != null) {
			promise.failed(noTcp);
			return;
		}
		context.put(ClientConnector.CONNECTION_PROMISE_CONTEXT_KEY, promise);
		context.put(Transport.CONTEXT_KEY, this.tcp);
		this.tcp.connect(tcpAddress, context);
	}

}
