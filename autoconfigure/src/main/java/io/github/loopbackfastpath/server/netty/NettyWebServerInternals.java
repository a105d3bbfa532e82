package io.github.loopbackfastpath.server.netty;

import java.lang.reflect.Field;
import java.util.function.BiFunction;

import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.reactor.netty.NettyWebServer;

/**
 * The one place that reads Spring Boot's {@link NettyWebServer} internals: the configured
 * {@link HttpServer} and the handler it serves, which the AF_UNIX socket serves too. See
 * {@link NettyWebServerRuntimeHints}.
 *
 * @author Loopback Fast Path contributors
 */
final class NettyWebServerInternals {

	static final String HTTP_SERVER_FIELD = "httpServer";

	static final String HANDLER_FIELD = "handler";

	private NettyWebServerInternals() {
	}

	static HttpServer httpServer(NettyWebServer server) throws ReflectiveOperationException {
		return (HttpServer) read(server, HTTP_SERVER_FIELD);
	}

	@SuppressWarnings("unchecked")
	static BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> handler(
			NettyWebServer server) throws ReflectiveOperationException {
		return (BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>>) read(
				server, HANDLER_FIELD);
	}

	private static Object read(NettyWebServer server, String name) throws ReflectiveOperationException {
		Field field = NettyWebServer.class.getDeclaredField(name);
		field.setAccessible(true);
		Object value = field.get(server);
		if (value == null) {
			throw new NoSuchFieldException(NettyWebServer.class.getName() + "." + name + " is null");
		}
		return value;
	}

}
