package io.github.loopbackfastpath.unixdomain.client.reactor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.loopbackfastpath.client.reactor.ReactorNettyInternals;
import io.github.loopbackfastpath.netty.NettyChannels;
import io.github.loopbackfastpath.netty.NettyDomainSockets;
import io.github.loopbackfastpath.netty.NettySocketBuffers;
import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.registry.TrackedSocket;
import io.github.loopbackfastpath.unixdomain.LoopbackHosts;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.client.ClientConnections;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.resolver.AddressResolverGroup;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;
import reactor.netty.http.client.HttpClientConfig;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.netty.transport.ProxyProvider;
import reactor.netty.transport.TransportConfig;

/**
 * Reactor Netty's side of the same-host mode: a {@link ConnectionProvider} around the
 * client's own that acquires the connection of a plain {@code http://} loopback request
 * from the AF_UNIX socket the {@link UnixDomainRouter} names, and every other one as
 * before. It only passes facts (scheme, proxy, the address the client would connect to,
 * after its own address selection, Spring Boot's address filter included); the router
 * decides. The request itself is untouched ({@code Host} header, path, the client's
 * filters and timeouts); the pool keys connections by address, so AF_UNIX and TCP
 * connections are pooled apart. The AF_UNIX connection runs on the client's own event
 * loops, native (epoll, kqueue) where the client prefers them, else NIO. If it cannot be
 * made, the connection is acquired over TCP: nothing was written yet, so a request is
 * never sent twice.
 *
 * @author Loopback Fast Path contributors
 */
public final class UnixDomainConnectionProvider implements ConnectionProvider {

	private final Supplier<? extends ConnectionProvider> delegate;

	private final UnixDomainRouter router;

	private final ClientConnections connections;

	/**
	 * Wrap a connection provider.
	 * @param delegate the client's own provider, for every connection
	 * @param router decides which requests go over AF_UNIX
	 * @param connections records them
	 */
	public UnixDomainConnectionProvider(ConnectionProvider delegate, UnixDomainRouter router,
			ClientConnections connections) {
		this(() -> delegate, router, connections);
	}

	/**
	 * Wrap the connection provider a supplier gives, asked each time one is needed: as
	 * Reactor Netty's own client asks for its global resources
	 * ({@code HttpResources::get}), which are then made on the first connection, not when
	 * the client is built at start-up.
	 * @param delegate gives the client's own provider, for every connection
	 * @param router decides which requests go over AF_UNIX
	 * @param connections records them
	 */
	public UnixDomainConnectionProvider(Supplier<? extends ConnectionProvider> delegate, UnixDomainRouter router,
			ClientConnections connections) {
		this.delegate = delegate;
		this.router = router;
		this.connections = connections;
	}

	@Override
	public Mono<? extends Connection> acquire(TransportConfig config, ConnectionObserver observer,
			@Nullable Supplier<? extends SocketAddress> remoteAddress,
			@Nullable AddressResolverGroup<?> resolverGroup) {
		Path socket = route(config, remoteAddress);
		if (socket == null) {
			return this.delegate.get().acquire(config, observer, remoteAddress, resolverGroup);
		}
		boolean nativeTransport = config.isPreferNative() && LoopResources.hasNativeSupport();
		SocketAddress address = NettyDomainSockets.address(socket, nativeTransport);
		ConnectionObserver recording = (connection, state) -> {
			if (state == ConnectionObserver.State.CONFIGURED) {
				configured(connection.channel(), socket, nativeTransport);
			}
		};
		Mono<Connection> unixDomain = this.delegate.get()
			.acquire(config, recording.then(observer), () -> address, resolverGroup)
			.cast(Connection.class);
		return unixDomain.onErrorResume((ex) -> {
			IOException noTcp = this.router.fellBack(Components.REACTOR_NETTY_CLIENT, socket, ex);
			return (noTcp != null) ? Mono.error(noTcp)
					: this.delegate.get().acquire(config, observer, remoteAddress, resolverGroup);
		});
	}

	private @Nullable Path route(TransportConfig config, @Nullable Supplier<? extends SocketAddress> remoteAddress) {
		if (!(config instanceof HttpClientConfig http) || http.sslProvider() != null || remoteAddress == null) {
			return null;
		}
		if (!(remoteAddress.get() instanceof InetSocketAddress target)) {
			return null;
		}
		ProxyProvider proxy = http.proxyProvider();
		if (proxy == null && http.proxyProviderSupplier() != null) {
			proxy = http.proxyProviderSupplier().get();
		}
		if (proxy != null && proxy.shouldProxy(target)) {
			return null;
		}
		return route(http, target);
	}

	// The address the TCP connection would be made to, kept as the client keeps its
	// resolved addresses (filtered, if the application has an address filter); a host
	// refused there stays on TCP, where the client refuses it as it always does
	private @Nullable Path route(HttpClientConfig config, InetSocketAddress target) {
		InetAddress address = LoopbackHosts.loopbackAddress(target.getHostString());
		if (address == null) {
			return null;
		}
		List<? extends SocketAddress> selected;
		try {
			selected = ReactorNettyInternals.selectResolved(config,
					List.of(new InetSocketAddress(address, target.getPort())));
		}
		catch (ReflectiveOperationException ex) {
			this.connections.notCovered(Components.REACTOR_NETTY_CLIENT + " (AF_UNIX)",
					"The address selection of this Reactor Netty version " + "cannot be reached (" + ex
							+ "): its requests stay on TCP.");
			return null;
		}
		catch (RuntimeException ex) {
			return null;
		}
		return (!selected.isEmpty() && selected.get(0) instanceof InetSocketAddress kept)
				? this.router.route(kept.getAddress(), kept.getPort()) : null;
	}

	private void configured(Channel channel, Path socket, boolean nativeTransport) {
		if (!nativeTransport) {
			channel.pipeline().addLast(Http11.NAME, Http11.INSTANCE);
		}
		NettySocketBuffers.applyTo(channel, this.connections.buffers().size());
		TrackedSocket record = this.connections.connected(Components.REACTOR_NETTY_CLIENT, socket, channel::isOpen);
		NettyChannels.closeWith(channel, record);
	}

	@Override
	public void disposeWhen(SocketAddress address) {
		this.delegate.get().disposeWhen(address);
	}

	@Override
	public void dispose() {
		this.delegate.get().dispose();
	}

	@Override
	public Mono<Void> disposeLater() {
		return this.delegate.get().disposeLater();
	}

	@Override
	public boolean isDisposed() {
		return this.delegate.get().isDisposed();
	}

	@Override
	public int maxConnections() {
		return this.delegate.get().maxConnections();
	}

	@Override
	public @Nullable Map<SocketAddress, Integer> maxConnectionsPerHost() {
		return this.delegate.get().maxConnectionsPerHost();
	}

	@Override
	public @Nullable String name() {
		return this.delegate.get().name();
	}

	/**
	 * Writes every request as HTTP/1.1. Reactor Netty 1.3 takes a connection whose
	 * channel is neither a TCP {@code SocketChannel} nor an epoll/kqueue domain socket
	 * (the NIO AF_UNIX channel) for HTTP/3 and would write {@code HTTP/3.0} in the
	 * request line, which servers answer with 505.
	 */
	@Sharable
	static final class Http11 extends ChannelOutboundHandlerAdapter {

		static final String NAME = "loopbackFastPathHttp11";

		static final Http11 INSTANCE = new Http11();

		@Override
		public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
			if (message instanceof HttpRequest request) {
				request.setProtocolVersion(HttpVersion.HTTP_1_1);
			}
			context.write(message, promise);
		}

	}

}
