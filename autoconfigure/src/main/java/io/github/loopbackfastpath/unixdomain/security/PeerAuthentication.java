package io.github.loopbackfastpath.unixdomain.security;

import java.util.List;

import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request that came over a published socket, authenticated by the kernel: its principal
 * is the name of the peer's user, its authorities
 * {@value #USER_AUTHORITY_PREFIX}{@code <user>} and
 * {@value #GROUP_AUTHORITY_PREFIX}{@code <group>}, its details the whole
 * {@link PeerIdentity}. There are no credentials: no client can claim another user's
 * identity on an AF_UNIX connection.
 *
 * @author Loopback Fast Path contributors
 */
public final class PeerAuthentication extends AbstractAuthenticationToken {

	/**
	 * The prefix of the authority named after the peer's user.
	 */
	public static final String USER_AUTHORITY_PREFIX = "PEER_USER_";

	/**
	 * The prefix of the authority named after the peer's primary group.
	 */
	public static final String GROUP_AUTHORITY_PREFIX = "PEER_GROUP_";

	private final PeerIdentity peer;

	/**
	 * Create the authentication of a peer.
	 * @param peer the peer
	 */
	public PeerAuthentication(PeerIdentity peer) {
		super(authorities(peer));
		this.peer = peer;
		setDetails(peer);
		setAuthenticated(true);
	}

	private static List<GrantedAuthority> authorities(PeerIdentity peer) {
		return List.of(new SimpleGrantedAuthority(USER_AUTHORITY_PREFIX + peer.user()),
				new SimpleGrantedAuthority(GROUP_AUTHORITY_PREFIX + peer.group()));
	}

	/**
	 * The peer.
	 * @return the peer's identity
	 */
	public PeerIdentity getPeer() {
		return this.peer;
	}

	@Override
	public Object getPrincipal() {
		return this.peer.user();
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return super.equals(other) && other instanceof PeerAuthentication authentication
				&& this.peer.equals(authentication.peer);
	}

	@Override
	public int hashCode() {
		return 31 * super.hashCode() + this.peer.hashCode();
	}

}
