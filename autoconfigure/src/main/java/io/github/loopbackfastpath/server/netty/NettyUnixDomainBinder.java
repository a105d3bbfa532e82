package io.github.loopbackfastpath.server.netty;

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

import io.github.loopbackfastpath.netty.NettyDomainSockets;
import io.github.loopbackfastpath.unixdomain.ServerBinder;
import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpResources;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.WebServer;

/**
 * Binds a Reactor Netty web server to an AF_UNIX socket: a second
 * {@link DisposableServer} from the same configured {@link HttpServer} and the same
 * handler, on the native transport (epoll, kqueue) where Reactor Netty has it, as its TCP
 * listener is, else on NIO (which takes {@link UnixDomainSocketAddress}). Disposing it
 * removes the socket file.
 *
 * @author Loopback Fast Path contributors
 */
public final class NettyUnixDomainBinder implements ServerBinder {

	@Override
	public @Nullable String componentOf(WebServer server) {
		return (server instanceof NettyWebServer) ? NettyServerFastPathCustomizer.COMPONENT : null;
	}

	@Override
	public @Nullable String refusal(WebServer server) {
		try {
			HttpServer httpServer = NettyWebServerInternals.httpServer((NettyWebServer) server);
			if (httpServer.configuration().sslProvider() != null) {
				return "The listener uses TLS: clients keep https:// on TCP, so an AF_UNIX socket would not be used.";
			}
			NettyWebServerInternals.handler((NettyWebServer) server);
			return null;
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return "The configured HttpServer of this Spring Boot version cannot be reached (" + ex + ").";
		}
	}

	@Override
	public AutoCloseable bind(WebServer server, Path socket, Runnable accepted) throws Exception {
		NettyWebServer nettyServer = (NettyWebServer) server;
		boolean nativeTransport = NettyDomainSockets.nativeTransport();
		SocketAddress address = NettyDomainSockets.address(socket);
		DisposableServer disposable = NettyWebServerInternals.httpServer(nettyServer)
			.bindAddress(() -> address)
			.runOn(HttpResources.get(), nativeTransport)
			.doOnChannelInit((observer, channel, remoteAddress) -> accepted.run())
			.handle(NettyWebServerInternals.handler(nettyServer))
			.bindNow();
		return disposable::disposeNow;
	}

}
