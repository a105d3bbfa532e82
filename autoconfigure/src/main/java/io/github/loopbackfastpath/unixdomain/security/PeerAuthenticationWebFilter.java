package io.github.loopbackfastpath.unixdomain.security;

import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import reactor.core.publisher.Mono;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Authenticates a WebFlux exchange that came over a published socket as its peer
 * ({@link PeerAuthentication}), for that exchange only. An exchange over TCP passes
 * untouched. Add it to a filter chain at the authentication step:
 * {@code http.addFilterAt(new PeerAuthenticationWebFilter(), SecurityWebFiltersOrder.AUTHENTICATION)}.
 *
 * @author Loopback Fast Path contributors
 */
public final class PeerAuthenticationWebFilter implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getAttribute(PeerIdentity.ATTRIBUTE) instanceof PeerIdentity peer) {
			return chain.filter(exchange)
				.contextWrite(ReactiveSecurityContextHolder.withAuthentication(new PeerAuthentication(peer)));
		}
		return chain.filter(exchange);
	}

}
