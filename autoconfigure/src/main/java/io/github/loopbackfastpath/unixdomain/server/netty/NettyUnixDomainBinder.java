package io.github.loopbackfastpath.unixdomain.server.netty;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import io.github.loopbackfastpath.netty.NettyDomainSockets;
import io.github.loopbackfastpath.netty.NettySocketBuffers;
import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import io.github.loopbackfastpath.unixdomain.SocketBuffers;
import io.github.loopbackfastpath.unixdomain.server.AcceptedConnections;
import io.github.loopbackfastpath.unixdomain.server.PublishedSocket;
import io.github.loopbackfastpath.unixdomain.server.ServerBinder;
import io.github.loopbackfastpath.unixdomain.server.Serving;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpResources;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;

/**
 * Binds a Reactor Netty web server to an AF_UNIX socket: a second
 * {@link DisposableServer} from the {@link HttpServer} Spring Boot configured (kept by
 * {@link ConfiguredHttpServers}), serving the context's {@link HttpHandler} bean through
 * a {@link ReactorHttpHandlerAdapter}, as Spring Boot's
 * {@code NettyReactiveWebServerFactory} does, on the native transport (epoll, kqueue)
 * where Reactor Netty has it, as its TCP listener is, else on NIO (which takes
 * {@link UnixDomainSocketAddress}). Both come through public extension points; a server
 * with {@link NettyRouteProvider}s is not published, since those routes are not public
 * once the server is built.
 *
 * @author Loopback Fast Path contributors
 */
public final class NettyUnixDomainBinder implements ServerBinder {

	/**
	 * The channel attribute that holds the peer of a connection accepted on the socket;
	 * the streams of an h2c connection find it on their parent channel.
	 */
	public static final AttributeKey<PeerIdentity> PEER = AttributeKey.valueOf(PeerIdentity.ATTRIBUTE);

	private final ConfiguredHttpServers servers;

	private final SocketBuffers buffers;

	/**
	 * Create the binder.
	 * @param servers the configured servers, by port
	 * @param buffers the buffer size asked for on each accepted connection
	 */
	public NettyUnixDomainBinder(ConfiguredHttpServers servers, SocketBuffers buffers) {
		this.servers = servers;
		this.buffers = buffers;
	}

	@Override
	public String component() {
		return Components.REACTOR_NETTY;
	}

	@Override
	public @Nullable String refusal(WebServerApplicationContext context) {
		HttpServer httpServer = this.servers.configuredIn(context);
		if (httpServer == null) {
			return "Its HttpServer did not come from a NettyReactiveWebServerFactory Spring Boot customized (a server the "
					+ "application built itself), so its configuration cannot be served on an AF_UNIX socket.";
		}
		if (httpServer.configuration().sslProvider() != null) {
			return TLS_REFUSAL;
		}
		if (context.getBeanProvider(NettyRouteProvider.class).stream().findAny().isPresent()) {
			return "The server has NettyRouteProvider beans (such as RSocket over WebSocket), whose routes the "
					+ "starter cannot serve on an AF_UNIX socket.";
		}
		if (context.getBeanProvider(HttpHandler.class).getIfUnique() == null) {
			return "The context has no single HttpHandler bean to serve on an AF_UNIX socket.";
		}
		return null;
	}

	@Override
	public @Nullable InetAddress address(WebServerApplicationContext context) {
		HttpServer httpServer = this.servers.configuredIn(context);
		Supplier<? extends SocketAddress> bindAddress = (httpServer != null) ? httpServer.configuration().bindAddress()
				: null;
		SocketAddress bound = (bindAddress != null) ? bindAddress.get() : null;
		return (bound instanceof InetSocketAddress inet) ? inet.getAddress() : null;
	}

	@Override
	public Serving bind(WebServerApplicationContext context, Path socket, AcceptedConnections accepted)
			throws Exception {
		HttpServer httpServer = this.servers.configuredIn(context);
		if (httpServer == null) {
			throw new IllegalStateException("No configured HttpServer for " + context.getWebServer());
		}
		HttpHandler handler = context.getBeanProvider(HttpHandler.class).getObject();
		// Its connections in a group of their own, as Spring Boot's NettyWebServer puts
		// the TCP server's: without one, disposeNow closes the listener and returns, and
		// the requests in flight die with the event loops later in the shutdown
		DisposableServer disposable = servedOn(
				httpServer.channelGroup(new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)), socket, accepted)
			.handle(new ReactorHttpHandlerAdapter(handler))
			.bindNow();
		return new Serving() {

			@Override
			public void shutDownGracefully(Runnable done) {
				// As Spring Boot's graceful shutdown of the TCP server: no new
				// connection, the requests in flight on the group's connections finish
				// (the lifecycle's phase timeout bounds it)
				Serving.drainInTheBackground(() -> disposable.disposeNow(Duration.ofNanos(Long.MAX_VALUE)), done);
			}

			@Override
			public void close() {
				disposable.disposeNow();
			}

		};
	}

	/**
	 * Make a Reactor Netty server listen on its reserved socket only: the server Spring
	 * Boot configured binds the socket instead of a TCP port, so that Spring Boot starts
	 * and drains it as ever.
	 * @param factory the factory of the server
	 * @param socket the reserved socket
	 */
	public void socketOnly(NettyReactiveWebServerFactory factory, PublishedSocket socket) {
		factory.addServerCustomizers((httpServer) -> {
			if (httpServer.configuration().sslProvider() != null) {
				throw new IllegalStateException("Reactor Netty cannot listen on an AF_UNIX socket only with TLS: its "
						+ "clients keep https:// on TCP. Remove the server from "
						+ "loopback.fast-path.unix-domain.socket-only.");
			}
			return servedOn(httpServer, socket.bindPath(), socket.connections());
		});
	}

	// The server bound to the socket, on Reactor Netty's shared event loops, each
	// connection with its peer and buffer size
	private HttpServer servedOn(HttpServer httpServer, Path socket, AcceptedConnections accepted) {
		boolean nativeTransport = NettyDomainSockets.nativeTransport();
		SocketAddress address = NettyDomainSockets.address(socket);
		return httpServer.bindAddress(() -> address)
			.runOn(HttpResources.get(), nativeTransport)
			.doOnChannelInit((observer, channel, remoteAddress) -> {
				PeerIdentity peer = NettyPeers.accepted(accepted, channel);
				if (peer != null) {
					channel.attr(PEER).set(peer);
				}
				NettySocketBuffers.applyTo(channel, this.buffers.size());
			});
	}

}
