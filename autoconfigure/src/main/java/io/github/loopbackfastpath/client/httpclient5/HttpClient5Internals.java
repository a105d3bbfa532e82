package io.github.loopbackfastpath.client.httpclient5;

import io.github.loopbackfastpath.reflect.InternalFields;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.jspecify.annotations.Nullable;

/**
 * Every reflective access to Apache HttpClient 5's own classes (in the unnamed module),
 * for what 5.5 and 5.6 offer no public way to reach, for the ioctl's hook and the
 * same-host mode's routing alike. {@link HttpClient5RuntimeHints} registers them for a
 * native image.
 *
 * @author Loopback Fast Path contributors
 */
public final class HttpClient5Internals {

	static final String CONNECTION_MANAGER = "connManager";

	static final String CONNECTION_OPERATOR = "connectionOperator";

	static final String DETACHED_SOCKET_FACTORY = "detachedSocketFactory";

	static final String DNS_RESOLVER = "dnsResolver";

	private HttpClient5Internals() {
	}

	// HttpClientBuilder#getConnManager() exists from HttpClient 5.6 on; Spring Boot 4.0
	// ships 5.5, whose builder only has the field
	public static @Nullable HttpClientConnectionManager connectionManager(HttpClientBuilder builder)
			throws ReflectiveOperationException {
		try {
			return builder.getConnManager();
		}
		catch (NoSuchMethodError ex) {
			return (HttpClientConnectionManager) InternalFields.read(HttpClientBuilder.class, CONNECTION_MANAGER,
					builder);
		}
	}

	public static @Nullable Object connectionOperator(PoolingHttpClientConnectionManager manager)
			throws ReflectiveOperationException {
		return InternalFields.read(PoolingHttpClientConnectionManager.class, CONNECTION_OPERATOR, manager);
	}

	public static void connectionOperator(PoolingHttpClientConnectionManager manager, Object operator)
			throws ReflectiveOperationException {
		InternalFields.write(PoolingHttpClientConnectionManager.class, CONNECTION_OPERATOR, manager, operator);
	}

	static @Nullable DetachedSocketFactory socketFactory(DefaultHttpClientConnectionOperator operator)
			throws ReflectiveOperationException {
		return (DetachedSocketFactory) InternalFields.read(DefaultHttpClientConnectionOperator.class,
				DETACHED_SOCKET_FACTORY, operator);
	}

	static void socketFactory(DefaultHttpClientConnectionOperator operator, DetachedSocketFactory factory)
			throws ReflectiveOperationException {
		InternalFields.write(DefaultHttpClientConnectionOperator.class, DETACHED_SOCKET_FACTORY, operator, factory);
	}

	/**
	 * The resolver a pool's connections resolve their hosts with: Spring Boot's
	 * {@code HttpComponentsFilteredDnsResolver} where the application declared an
	 * {@code InetAddressFilter}.
	 * @param operator the pool's connection operator
	 * @return the resolver, or {@code null} if the operator is not HttpClient's default
	 * one
	 * @throws ReflectiveOperationException if the field cannot be read
	 */
	public static @Nullable DnsResolver dnsResolver(Object operator) throws ReflectiveOperationException {
		return (operator instanceof DefaultHttpClientConnectionOperator)
				? (DnsResolver) InternalFields.read(DefaultHttpClientConnectionOperator.class, DNS_RESOLVER, operator)
				: null;
	}

}
