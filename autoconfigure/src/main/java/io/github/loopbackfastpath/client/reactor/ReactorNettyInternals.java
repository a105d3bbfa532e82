package io.github.loopbackfastpath.client.reactor;

import java.net.SocketAddress;
import java.util.List;

import io.github.loopbackfastpath.reflect.InternalFields;
import reactor.netty.transport.ClientTransport;
import reactor.netty.transport.ClientTransportConfig;

/**
 * Every reflective access to Reactor Netty's own classes, for what it offers no public
 * way to reach. {@link ReactorNettyRuntimeHints} registers them for a native image.
 *
 * @author Loopback Fast Path contributors
 */
public final class ReactorNettyInternals {

	static final String RESOLVED_ADDRESSES_SELECTOR = "resolvedAddressesSelector";

	private ReactorNettyInternals() {
	}

	/**
	 * The resolved addresses a client keeps, as its own connections do: through its
	 * {@code resolvedAddressesSelector} (Spring Boot's address filter, where the
	 * application declared an {@code InetAddressFilter}), which has no public getter.
	 * @param config the client's configuration
	 * @param resolved the resolved addresses
	 * @return the addresses the client would connect to
	 * @throws ReflectiveOperationException if the selector cannot be read
	 */
	@SuppressWarnings("unchecked")
	public static List<? extends SocketAddress> selectResolved(ClientTransportConfig<?> config,
			List<? extends SocketAddress> resolved) throws ReflectiveOperationException {
		Object selector = InternalFields.read(ClientTransportConfig.class, RESOLVED_ADDRESSES_SELECTOR, config);
		if (selector == null) {
			return resolved;
		}
		List<? extends SocketAddress> selected = ((ClientTransport.ResolvedAddressSelector<Object>) selector)
			.apply(config, resolved);
		return (selected != null) ? selected : List.of();
	}

}
