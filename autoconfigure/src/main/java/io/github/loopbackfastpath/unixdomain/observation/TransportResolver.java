package io.github.loopbackfastpath.unixdomain.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Tells which transport the exchange of one kind of observation used, from the facts the
 * observation's context carries. One resolver per library; the first that knows the
 * context answers.
 *
 * @author Loopback Fast Path contributors
 */
@FunctionalInterface
public interface TransportResolver {

	/**
	 * The transport of an observed exchange.
	 * @param context the observation's context
	 * @return the transport, or {@code null} if the context is not of this resolver's
	 * kind
	 */
	@Nullable ExchangeTransport transportOf(Observation.Context context);

}
