package io.github.loopbackfastpath.unixdomain.observation;

import io.github.loopbackfastpath.unixdomain.server.grpc.GrpcSocketServer;
import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The transport of a call to Spring Boot's gRPC server: the mode's AF_UNIX server marks
 * its calls in their gRPC {@code Context}, which grpc-java attaches while the observation
 * stops.
 *
 * @author Loopback Fast Path contributors
 */
public final class GrpcServerTransport implements TransportResolver {

	@Override
	public @Nullable ExchangeTransport transportOf(Observation.Context context) {
		if (context instanceof GrpcServerObservationContext) {
			return ExchangeTransport.of(GrpcSocketServer.isUnixDomainCall());
		}
		return null;
	}

}
