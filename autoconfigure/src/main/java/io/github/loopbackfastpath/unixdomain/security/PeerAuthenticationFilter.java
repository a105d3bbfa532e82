package io.github.loopbackfastpath.unixdomain.security;

import java.io.IOException;

import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a servlet request that came over a published socket as its peer
 * ({@link PeerAuthentication}), for that request only, unless an earlier filter
 * authenticated it already. A request over TCP passes untouched. Add it to a filter chain
 * before the anonymous one:
 * {@code http.addFilterBefore(new PeerAuthenticationFilter(), AnonymousAuthenticationFilter.class)}.
 *
 * @author Loopback Fast Path contributors
 */
public final class PeerAuthenticationFilter extends OncePerRequestFilter {

	private SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();

	/**
	 * Use another strategy than the global one.
	 * @param strategy the strategy
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy strategy) {
		this.strategy = strategy;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getAttribute(PeerIdentity.ATTRIBUTE) instanceof PeerIdentity peer && !authenticated()) {
			SecurityContext context = this.strategy.createEmptyContext();
			context.setAuthentication(new PeerAuthentication(peer));
			this.strategy.setContext(context);
		}
		chain.doFilter(request, response);
	}

	private boolean authenticated() {
		Authentication current = this.strategy.getContext().getAuthentication();
		return current != null && !(current instanceof AnonymousAuthenticationToken);
	}

}
