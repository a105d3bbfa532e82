package io.github.loopbackfastpath.unixdomain.security;

import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import reactor.core.publisher.Mono;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;

/**
 * Admits a WebFlux exchange by the peer it came from over a published socket, for
 * {@code authorizeExchange}:
 * {@code exchanges.pathMatchers("/internal/**").access(ReactivePeerAuthorizationManager.group("www-data"))}.
 * An exchange over TCP has no peer and is denied.
 *
 * @author Loopback Fast Path contributors
 */
public final class ReactivePeerAuthorizationManager implements ReactiveAuthorizationManager<AuthorizationContext> {

	private final PeerRule rule;

	private ReactivePeerAuthorizationManager(PeerRule rule) {
		this.rule = rule;
	}

	/**
	 * Admit the peers of these users only.
	 * @param users the users' names
	 * @return the manager
	 */
	public static ReactivePeerAuthorizationManager user(String... users) {
		return new ReactivePeerAuthorizationManager(PeerRule.users(users));
	}

	/**
	 * Admit the peers whose primary group is one of these only.
	 * @param groups the groups' names
	 * @return the manager
	 */
	public static ReactivePeerAuthorizationManager group(String... groups) {
		return new ReactivePeerAuthorizationManager(PeerRule.groups(groups));
	}

	@Override
	public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
		Object peer = context.getExchange().getAttribute(PeerIdentity.ATTRIBUTE);
		return Mono.just(
				new AuthorizationDecision(this.rule.admits((peer instanceof PeerIdentity identity) ? identity : null)));
	}

	@Override
	public String toString() {
		return "ReactivePeerAuthorizationManager[" + this.rule + "]";
	}

}
