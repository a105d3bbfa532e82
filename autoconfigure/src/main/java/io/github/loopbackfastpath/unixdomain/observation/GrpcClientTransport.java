package io.github.loopbackfastpath.unixdomain.observation;

import java.net.URI;
import java.net.URISyntaxException;

import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.micrometer.core.instrument.binder.grpc.GrpcClientObservationContext;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The transport of a call on a gRPC channel: what the {@link UnixDomainRouter} does with
 * the channel's authority, the host and port a channel keeps when the mode routes it.
 *
 * @author Loopback Fast Path contributors
 */
public final class GrpcClientTransport implements TransportResolver {

	private final UnixDomainRouter router;

	/**
	 * Create the resolver.
	 * @param router decides where calls go
	 */
	public GrpcClientTransport(UnixDomainRouter router) {
		this.router = router;
	}

	@Override
	public @Nullable ExchangeTransport transportOf(Observation.Context context) {
		if (context instanceof GrpcClientObservationContext client) {
			String authority = client.getAuthority();
			if (authority == null) {
				return ExchangeTransport.TCP;
			}
			try {
				URI uri = new URI(null, authority, null, null, null);
				return ExchangeTransport.of(this.router.routes(uri.getHost(), uri.getPort()));
			}
			catch (URISyntaxException ex) {
				return ExchangeTransport.TCP;
			}
		}
		return null;
	}

}
