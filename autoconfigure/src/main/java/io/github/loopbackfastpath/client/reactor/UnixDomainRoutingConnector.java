package io.github.loopbackfastpath.client.reactor;

import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.loopbackfastpath.netty.NettyDomainSockets;
import io.github.loopbackfastpath.record.TrackedSocket;
import io.github.loopbackfastpath.unixdomain.UnixDomainSockets;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * A {@link ClientHttpConnector} that sends each plain {@code http://} loopback request
 * whose port has a trusted published AF_UNIX socket over that socket, and every other
 * request over TCP as before. The AF_UNIX client is the application's own
 * {@link HttpClient} (timeouts, codecs, filters) pointed at the socket, on the native
 * transport (epoll, kqueue) where Reactor Netty has it, as its TCP connections are, else
 * on NIO; Reactor Netty pools its connections apart from the TCP ones. If the AF_UNIX
 * connection fails before the request was written, the request goes over TCP: a request
 * is never sent twice.
 *
 * @author Loopback Fast Path contributors
 */
public final class UnixDomainRoutingConnector implements ClientHttpConnector {

	/**
	 * The component name of AF_UNIX connections.
	 */
	public static final String COMPONENT = ReactorNettyClientFastPath.COMPONENT;

	private final ClientHttpConnector tcp;

	private final HttpClient httpClient;

	private final UnixDomainSockets sockets;

	private final Map<Path, ClientHttpConnector> connectors = new ConcurrentHashMap<>();

	/**
	 * Create a routing connector.
	 * @param tcp the application's connector, used for everything that stays on TCP
	 * @param httpClient the client it was built from
	 * @param sockets the same-host mode
	 */
	public UnixDomainRoutingConnector(ClientHttpConnector tcp, HttpClient httpClient, UnixDomainSockets sockets) {
		this.tcp = tcp;
		this.httpClient = httpClient;
		this.sockets = sockets;
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		Path socket = this.sockets.route(uri);
		if (socket == null) {
			return this.tcp.connect(method, uri, requestCallback);
		}
		String host = uri.getRawAuthority();
		AtomicBoolean written = new AtomicBoolean();
		return this.connectors.computeIfAbsent(socket, this::connector).connect(method, relative(uri), (request) -> {
			written.set(true);
			request.getHeaders().set(HttpHeaders.HOST, host);
			return requestCallback.apply(request);
		}).onErrorResume((ex) -> !written.get(), (ex) -> {
			this.sockets.fellBack(COMPONENT, socket, ex);
			return this.tcp.connect(method, uri, requestCallback);
		});
	}

	private ClientHttpConnector connector(Path socket) {
		return new ReactorClientHttpConnector(unixDomainClient(this.httpClient, socket, this.sockets));
	}

	/**
	 * The application's client pointed at an AF_UNIX socket, each connection recorded.
	 * @param httpClient the application's client
	 * @param socket the socket file
	 * @param sockets the same-host mode
	 * @return the client
	 */
	static HttpClient unixDomainClient(HttpClient httpClient, Path socket, UnixDomainSockets sockets) {
		boolean nativeTransport = NettyDomainSockets.nativeTransport();
		SocketAddress address = NettyDomainSockets.address(socket);
		return httpClient.remoteAddress(() -> address)
			.runOn(HttpResources.get(), nativeTransport)
			.doOnConnected((connection) -> {
				if (!nativeTransport) {
					connection.addHandlerLast(Http11.NAME, Http11.INSTANCE);
				}
				TrackedSocket record = sockets.clientConnected(COMPONENT, socket, connection.channel()::isOpen);
				connection.channel().closeFuture().addListener((future) -> record.closed());
			});
	}

	static URI relative(URI uri) {
		String path = uri.getRawPath();
		String query = uri.getRawQuery();
		return URI.create(((path == null || path.isEmpty()) ? "/" : path) + ((query != null) ? "?" + query : ""));
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
