package io.github.loopbackfastpath.unixdomain.observation;

import java.util.List;
import java.util.function.Supplier;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.function.SingletonSupplier;

/**
 * Adds the low-cardinality key {@value #KEY} ({@code TCP} or {@code UNIX_DOMAIN}) to the
 * HTTP and gRPC observations its {@link TransportResolver resolvers} know, when the
 * observation stops. Other observations pass unchanged, and so does one whose resolver
 * fails: a key never breaks an exchange.
 *
 * @author Loopback Fast Path contributors
 */
public final class TransportObservationFilter implements ObservationFilter {

	private static final Log logger = LogFactory.getLog(TransportObservationFilter.class);

	/**
	 * The name of the key.
	 */
	public static final String KEY = "transport";

	private static final KeyValue TCP = KeyValue.of(KEY, ExchangeTransport.TCP.name());

	private static final KeyValue UNIX_DOMAIN = KeyValue.of(KEY, ExchangeTransport.UNIX_DOMAIN.name());

	private final Supplier<List<TransportResolver>> resolvers;

	/**
	 * Create the filter.
	 * @param resolvers the resolvers, asked in order
	 */
	public TransportObservationFilter(List<TransportResolver> resolvers) {
		List<TransportResolver> copy = List.copyOf(resolvers);
		this.resolvers = () -> copy;
	}

	/**
	 * Create the filter with resolvers made when the first observation stops, not when
	 * the application starts.
	 * @param resolvers supplies the resolvers, asked in order; called once
	 */
	public TransportObservationFilter(Supplier<List<TransportResolver>> resolvers) {
		this.resolvers = SingletonSupplier.of(() -> List.copyOf(resolvers.get()));
	}

	@Override
	public Observation.Context map(Observation.Context context) {
		for (TransportResolver resolver : this.resolvers.get()) {
			ExchangeTransport transport;
			try {
				transport = resolver.transportOf(context);
			}
			catch (RuntimeException ex) {
				// A tag never breaks an exchange: this one goes without it
				logger.debug("No transport key for " + context.getName(), ex);
				return context;
			}
			if (transport != null) {
				context.addLowCardinalityKeyValue((transport == ExchangeTransport.UNIX_DOMAIN) ? UNIX_DOMAIN : TCP);
				break;
			}
		}
		return context;
	}

}
