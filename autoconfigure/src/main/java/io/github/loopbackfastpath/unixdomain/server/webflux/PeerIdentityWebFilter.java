package io.github.loopbackfastpath.unixdomain.server.webflux;

import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import io.github.loopbackfastpath.unixdomain.server.netty.NettyUnixDomainBinder;
import io.netty.channel.Channel;
import jakarta.servlet.ServletRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives a WebFlux exchange that came over a published socket its peer, as the exchange
 * attribute {@link PeerIdentity#ATTRIBUTE}, before any other filter (Spring Security's
 * among them) sees it. The peer was read when the connection was accepted; the filter
 * only takes it from where the server put it: the servlet request's attribute (Tomcat,
 * Jetty) or the connection's channel (Reactor Netty). An exchange over TCP passes
 * untouched.
 *
 * @author Loopback Fast Path contributors
 */
public final class PeerIdentityWebFilter implements WebFilter, Ordered {

	private static final boolean SERVLET = ClassUtils.isPresent("jakarta.servlet.ServletRequest",
			PeerIdentityWebFilter.class.getClassLoader());

	private static final boolean REACTOR_NETTY = ClassUtils.isPresent("reactor.netty.Connection",
			PeerIdentityWebFilter.class.getClassLoader());

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		PeerIdentity peer = peer(exchange.getRequest());
		if (peer != null) {
			exchange.getAttributes().put(PeerIdentity.ATTRIBUTE, peer);
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	private static @Nullable PeerIdentity peer(ServerHttpRequest request) {
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		if (SERVLET) {
			PeerIdentity peer = Servlet.peer(nativeRequest);
			if (peer != null) {
				return peer;
			}
		}
		return REACTOR_NETTY ? ReactorNetty.peer(nativeRequest) : null;
	}

	private static final class Servlet {

		static @Nullable PeerIdentity peer(Object nativeRequest) {
			return (nativeRequest instanceof ServletRequest request
					&& request.getAttribute(PeerIdentity.ATTRIBUTE) instanceof PeerIdentity peer) ? peer : null;
		}

	}

	private static final class ReactorNetty {

		static @Nullable PeerIdentity peer(Object nativeRequest) {
			if (!(nativeRequest instanceof Connection connection)) {
				return null;
			}
			Channel channel = connection.channel();
			PeerIdentity peer = channel.attr(NettyUnixDomainBinder.PEER).get();
			if (peer == null && channel.parent() != null) {
				peer = channel.parent().attr(NettyUnixDomainBinder.PEER).get();
			}
			return peer;
		}

	}

}
