package io.github.loopbackfastpath.unixdomain.security;

import java.util.Set;

import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Which peers an authorization rule admits: those of the given users, or of the given
 * primary groups, by name. A request without a peer (over TCP) is never admitted.
 *
 * @param users the users admitted
 * @param groups the groups admitted
 * @author Loopback Fast Path contributors
 */
record PeerRule(Set<String> users, Set<String> groups) {

	static PeerRule users(String... users) {
		Assert.notEmpty(users, "At least one user is required");
		return new PeerRule(Set.of(users), Set.of());
	}

	static PeerRule groups(String... groups) {
		Assert.notEmpty(groups, "At least one group is required");
		return new PeerRule(Set.of(), Set.of(groups));
	}

	boolean admits(@Nullable PeerIdentity peer) {
		return peer != null && (this.users.contains(peer.user()) || this.groups.contains(peer.group()));
	}

	@Override
	public String toString() {
		return this.users.isEmpty() ? "peer group in " + this.groups : "peer user in " + this.users;
	}

}
