package io.github.loopbackfastpath.unixdomain;

import java.io.Serializable;

import org.jspecify.annotations.Nullable;

/**
 * Who is at the other end of a connection accepted on a published AF_UNIX socket: the
 * user and group of the process that connected, as the kernel recorded them when it
 * connected ({@code SO_PEERCRED}), so no client can claim to be someone else. Read once
 * per connection; every request or call that came over it carries the same identity,
 * under {@link #ATTRIBUTE} as a servlet request attribute or a WebFlux exchange
 * attribute, and under {@code GrpcPeerIdentity.KEY} in a gRPC call's context. A request
 * that came over TCP carries none, nor does one where the OS cannot tell (Windows).
 *
 * @param user the user's name, or its id where the user database has no name for it
 * @param uid the user id, or {@code null} where it cannot be read (without JNA, or on an
 * OS that gives names only)
 * @param group the primary group's name, or its id where it has no name
 * @param gid the group id, or {@code null} where it cannot be read
 * @param pid the process id, or {@code null} where the OS does not tell (macOS)
 * @author Loopback Fast Path contributors
 */
public record PeerIdentity(String user, @Nullable Long uid, String group, @Nullable Long gid,
		@Nullable Long pid) implements Serializable {

	/**
	 * The name of the request or exchange attribute that holds the identity: this type's
	 * name, a constant, so that it can be used in annotations
	 * ({@code @RequestAttribute(PeerIdentity.ATTRIBUTE)}).
	 */
	public static final String ATTRIBUTE = "io.github.loopbackfastpath.unixdomain.PeerIdentity";

}
