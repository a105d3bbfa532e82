package io.github.loopbackfastpath.unixdomain.server.grpc;

import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import io.grpc.Attributes;
import io.grpc.Context;
import org.jspecify.annotations.Nullable;

/**
 * Where a gRPC call that came over a published socket carries its caller's
 * {@link PeerIdentity}: in the call's {@link Context} under {@link #KEY}, for service
 * methods and the interceptors Spring gRPC applies, and in the call's attributes
 * ({@code ServerCall.getAttributes()}) under {@link #ATTRIBUTE}. A call over TCP carries
 * none.
 *
 * @author Loopback Fast Path contributors
 */
public final class GrpcPeerIdentity {

	/**
	 * The context key of the caller's identity.
	 */
	public static final Context.Key<PeerIdentity> KEY = Context.key(PeerIdentity.ATTRIBUTE);

	/**
	 * The call attribute of the caller's identity.
	 */
	public static final Attributes.Key<PeerIdentity> ATTRIBUTE = Attributes.Key.create(PeerIdentity.ATTRIBUTE);

	private GrpcPeerIdentity() {
	}

	/**
	 * The identity of the current call's caller, from a service method or an interceptor
	 * inside the starter's.
	 * @return the identity, or {@code null} for a call over TCP
	 */
	public static @Nullable PeerIdentity current() {
		return KEY.get();
	}

}
