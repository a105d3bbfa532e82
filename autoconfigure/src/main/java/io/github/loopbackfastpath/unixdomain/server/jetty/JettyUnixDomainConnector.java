package io.github.loopbackfastpath.unixdomain.server.jetty;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Executor;

import io.github.loopbackfastpath.registry.RecordsItself;
import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import io.github.loopbackfastpath.unixdomain.SocketBuffers;
import io.github.loopbackfastpath.unixdomain.server.AcceptedConnections;
import io.github.loopbackfastpath.unixdomain.server.ServerBinder;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.Scheduler;
import org.jspecify.annotations.Nullable;

/**
 * A Jetty connector on an AF_UNIX socket, on the JDK's own channels (Java 16+), for
 * applications without {@code jetty-unixdomain-server}: one acceptor thread accepts, a
 * selector serves the connections through the connection factories it is given. The
 * socket file is owner-only and removed when the connector stops.
 *
 * @author Loopback Fast Path contributors
 */
final class JettyUnixDomainConnector extends AbstractConnector implements RecordsItself {

	private final Path path;

	private final AcceptedConnections accepted;

	private final SelectorManager selectors;

	private final SocketBuffers buffers;

	private volatile @Nullable ServerSocketChannel channel;

	JettyUnixDomainConnector(Server server, Path path, AcceptedConnections accepted, SocketBuffers buffers,
			ConnectionFactory... factories) {
		super(server, null, null, null, 1, factories);
		this.path = path;
		this.accepted = accepted;
		this.buffers = buffers;
		this.selectors = new Selectors(getExecutor(), getScheduler());
		addBean(this.selectors, true);
		setName("unix-domain:" + path);
	}

	/**
	 * Load, link and initialize the connector's classes, off the thread that starts the
	 * application.
	 */
	static void prepare() {
		ServerBinder.initialize(JettyUnixDomainConnector.class, Selectors.class, PeerEndPoint.class,
				PeerCustomizer.class);
	}

	@Override
	protected void doStart() throws Exception {
		ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		try {
			channel.bind(UnixDomainSocketAddress.of(this.path));
			restrictToOwner(this.path);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
		this.channel = channel;
		super.doStart();
	}

	@Override
	protected void doStop() throws Exception {
		ServerSocketChannel channel = this.channel;
		this.channel = null;
		try {
			if (channel != null) {
				channel.close();
			}
			super.doStop();
		}
		finally {
			Files.deleteIfExists(this.path);
		}
	}

	@Override
	protected void accept(int acceptorId) throws IOException {
		ServerSocketChannel channel = this.channel;
		if (channel == null || !channel.isOpen()) {
			throw new IOException("The AF_UNIX socket " + this.path + " is closed");
		}
		SocketChannel connection = channel.accept();
		PeerIdentity peer = this.accepted.accepted(connection);
		this.buffers.applyTo(connection);
		connection.configureBlocking(false);
		this.selectors.accept(connection, peer);
	}

	@Override
	public @Nullable Object getTransport() {
		return this.channel;
	}

	Path path() {
		return this.path;
	}

	private static void restrictToOwner(Path path) {
		try {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
		}
		catch (IOException | UnsupportedOperationException ex) {
			// Windows: the owner-only directory protects the socket
		}
	}

	private final class Selectors extends SelectorManager {

		Selectors(Executor executor, Scheduler scheduler) {
			super(executor, scheduler);
		}

		@Override
		protected EndPoint newEndPoint(SelectableChannel channel, ManagedSelector selector, SelectionKey key) {
			SocketChannelEndPoint endPoint = new PeerEndPoint((SocketChannel) channel, selector, key, getScheduler());
			endPoint.setIdleTimeout(getIdleTimeout());
			return endPoint;
		}

		@Override
		public Connection newConnection(SelectableChannel channel, EndPoint endPoint, @Nullable Object attachment) {
			if (endPoint instanceof PeerEndPoint peerEndPoint && attachment instanceof PeerIdentity peer) {
				peerEndPoint.peer = peer;
			}
			return getDefaultConnectionFactory().newConnection(JettyUnixDomainConnector.this, endPoint);
		}

		@Override
		protected void endPointOpened(EndPoint endPoint) {
			super.endPointOpened(endPoint);
			onEndPointOpened(endPoint);
		}

		@Override
		protected void endPointClosed(EndPoint endPoint) {
			onEndPointClosed(endPoint);
			super.endPointClosed(endPoint);
		}

	}

	/**
	 * A connection's end point, with the connection's peer read when it was accepted.
	 */
	static final class PeerEndPoint extends SocketChannelEndPoint {

		volatile @Nullable PeerIdentity peer;

		PeerEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler) {
			super(channel, selector, key, scheduler);
		}

	}

	/**
	 * Hands each request (HTTP/1.1 and h2c) the peer of the connection it came over, as
	 * the request attribute {@link PeerIdentity#ATTRIBUTE}. Requests over other
	 * connectors pass untouched.
	 */
	static final class PeerCustomizer implements HttpConfiguration.Customizer {

		@Override
		public Request customize(Request request, HttpFields.Mutable responseHeaders) {
			if (request.getConnectionMetaData().getConnection().getEndPoint() instanceof PeerEndPoint endPoint) {
				PeerIdentity peer = endPoint.peer;
				if (peer != null) {
					request.setAttribute(PeerIdentity.ATTRIBUTE, peer);
				}
			}
			return request;
		}

	}

}
