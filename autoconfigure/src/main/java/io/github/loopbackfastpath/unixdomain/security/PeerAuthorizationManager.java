package io.github.loopbackfastpath.unixdomain.security;

import java.util.function.Supplier;

import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Admits a servlet request by the peer it came from over a published socket, for
 * {@code authorizeHttpRequests}:
 * {@code requests.requestMatchers("/internal/**").access(PeerAuthorizationManager.group("www-data"))}.
 * A request over TCP has no peer and is denied. Reads the request's peer, whether or not
 * it was authenticated with {@link PeerAuthenticationFilter}.
 *
 * @author Loopback Fast Path contributors
 */
public final class PeerAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

	private final PeerRule rule;

	private PeerAuthorizationManager(PeerRule rule) {
		this.rule = rule;
	}

	/**
	 * Admit the peers of these users only.
	 * @param users the users' names
	 * @return the manager
	 */
	public static PeerAuthorizationManager user(String... users) {
		return new PeerAuthorizationManager(PeerRule.users(users));
	}

	/**
	 * Admit the peers whose primary group is one of these only.
	 * @param groups the groups' names
	 * @return the manager
	 */
	public static PeerAuthorizationManager group(String... groups) {
		return new PeerAuthorizationManager(PeerRule.groups(groups));
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
			RequestAuthorizationContext context) {
		Object peer = context.getRequest().getAttribute(PeerIdentity.ATTRIBUTE);
		return new AuthorizationDecision(this.rule.admits((peer instanceof PeerIdentity identity) ? identity : null));
	}

	@Override
	public String toString() {
		return "PeerAuthorizationManager[" + this.rule + "]";
	}

}
