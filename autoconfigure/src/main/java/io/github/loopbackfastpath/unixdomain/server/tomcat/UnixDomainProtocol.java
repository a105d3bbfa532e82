package io.github.loopbackfastpath.unixdomain.server.tomcat;

import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.loopbackfastpath.registry.RecordsItself;
import io.github.loopbackfastpath.server.tomcat.TomcatInternals;
import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import io.github.loopbackfastpath.unixdomain.SocketBuffers;
import io.github.loopbackfastpath.unixdomain.server.AcceptedConnections;
import io.github.loopbackfastpath.unixdomain.server.ServerBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.Adapter;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP/1.1 NIO protocol of the AF_UNIX connector: tells of every connection it
 * accepts, asks for the buffer size on each, and hands each connection's peer to every
 * request that comes over it (HTTP/1.1 and h2c) as the request attribute
 * {@link PeerIdentity#ATTRIBUTE}. The peer is read once, when the connection is accepted,
 * and kept under Tomcat's connection id ({@code ServletConnection.getConnectionId()})
 * until the connection closes.
 *
 * @author Loopback Fast Path contributors
 */
public final class UnixDomainProtocol extends Http11NioProtocol implements RecordsItself {

	private static final Log logger = LogFactory.getLog(UnixDomainProtocol.class);

	private static volatile boolean warned;

	private final PeerEndpoint endpoint;

	/**
	 * Create the protocol, for Tomcat to create by its class name
	 * ({@code TomcatWebServerFactory.setProtocol}); it serves nothing until it is given
	 * its connections ({@link #serve}).
	 */
	public UnixDomainProtocol() {
		this(new PeerEndpoint());
	}

	/**
	 * Load, link and initialize the protocol's classes, off the thread that starts the
	 * application.
	 */
	static void prepare() {
		ServerBinder.initialize(UnixDomainProtocol.class, PeerEndpoint.class, Connections.class, PeerAdapter.class);
	}

	UnixDomainProtocol(AcceptedConnections accepted, SocketBuffers buffers) {
		this();
		serve(accepted, buffers);
	}

	private UnixDomainProtocol(PeerEndpoint endpoint) {
		super(endpoint);
		this.endpoint = endpoint;
	}

	/**
	 * Give the protocol what it tells of every connection it accepts, before it starts.
	 * @param accepted to tell of every connection accepted
	 * @param buffers the buffer size asked for on each accepted connection
	 */
	public void serve(AcceptedConnections accepted, SocketBuffers buffers) {
		this.endpoint.serve(accepted, buffers);
	}

	// Tomcat's connection id; a Tomcat without it serves the connection without its
	// peer, and says so once, and on the endpoint
	private static @Nullable String connectionId(SocketWrapperBase<?> wrapper, AcceptedConnections accepted) {
		try {
			return TomcatInternals.connectionId(wrapper);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			String reason = "Requests over Tomcat's AF_UNIX connector carry no caller identity: this Tomcat's "
					+ "connection id cannot be read (" + ex + ")";
			accepted.identityUnavailable(reason);
			if (!warned) {
				warned = true;
				logger.warn(reason);
			}
			return null;
		}
	}

	@Override
	public void setAdapter(Adapter adapter) {
		super.setAdapter(new PeerAdapter(adapter, this.endpoint.peers));
	}

	private static final class PeerEndpoint extends NioEndpoint {

		private volatile @Nullable SocketBuffers buffers;

		private final Map<String, PeerIdentity> peers = new ConcurrentHashMap<>();

		void serve(AcceptedConnections accepted, SocketBuffers buffers) {
			this.buffers = buffers;
			this.connections = new Connections(accepted, this.peers);
		}

		@Override
		protected boolean setSocketOptions(SocketChannel socket) {
			SocketBuffers buffers = this.buffers;
			if (buffers != null) {
				buffers.applyTo(socket);
			}
			return super.setSocketOptions(socket);
		}

	}

	/**
	 * Tomcat's open connections: a connection is added once it is accepted, before Tomcat
	 * reads from it, which is when its peer is read and kept under the connection's id;
	 * it is forgotten when the connection closes.
	 */
	private static final class Connections extends ConcurrentHashMap<SocketChannel, SocketWrapperBase<NioChannel>> {

		private final transient AcceptedConnections accepted;

		private final transient Map<String, PeerIdentity> peers;

		Connections(AcceptedConnections accepted, Map<String, PeerIdentity> peers) {
			this.accepted = accepted;
			this.peers = peers;
		}

		@Override
		public @Nullable SocketWrapperBase<NioChannel> put(SocketChannel channel,
				SocketWrapperBase<NioChannel> wrapper) {
			PeerIdentity peer = this.accepted.accepted(channel);
			String id = (peer != null) ? connectionId(wrapper, this.accepted) : null;
			if (id != null && peer != null) {
				this.peers.put(id, peer);
			}
			return super.put(channel, wrapper);
		}

		@Override
		public @Nullable SocketWrapperBase<NioChannel> remove(Object key) {
			SocketWrapperBase<NioChannel> wrapper = super.remove(key);
			String id = (wrapper != null) ? connectionId(wrapper, this.accepted) : null;
			if (id != null) {
				this.peers.remove(id);
			}
			return wrapper;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return super.equals(other);
		}

		@Override
		public int hashCode() {
			return super.hashCode();
		}

	}

	/**
	 * Tomcat's adapter, given the peer of the request's connection first.
	 */
	private record PeerAdapter(Adapter adapter, Map<String, PeerIdentity> peers) implements Adapter {

		@Override
		public void service(Request request, Response response) throws Exception {
			PeerIdentity peer = this.peers.get(request.getServletConnection().getConnectionId());
			if (peer != null) {
				request.setAttribute(PeerIdentity.ATTRIBUTE, peer);
			}
			this.adapter.service(request, response);
		}

		@Override
		public boolean prepare(Request request, Response response) throws Exception {
			return this.adapter.prepare(request, response);
		}

		@Override
		public boolean asyncDispatch(Request request, Response response, SocketEvent status) throws Exception {
			return this.adapter.asyncDispatch(request, response, status);
		}

		@Override
		public void log(Request request, Response response, long time) {
			this.adapter.log(request, response, time);
		}

		@Override
		public void checkRecycled(Request request, Response response) {
			this.adapter.checkRecycled(request, response);
		}

		@Override
		public String getDomain() {
			return this.adapter.getDomain();
		}

	}

}
