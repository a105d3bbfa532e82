package io.github.loopbackfastpath.client.httpclient5;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.registry.Components;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;

/**
 * Adds the fast path to Apache HttpClient 5 (classic).
 * <p>
 * In HttpClient 5.6 a plain socket is made by the connection operator's
 * {@code DetachedSocketFactory} (a custom {@code ConnectionSocketFactory} is never called
 * for plain HTTP), and neither the connection manager builder nor the manager lets it be
 * replaced. So the operator of a built manager gets a factory of JDK channel sockets, set
 * through reflection on HttpClient's own (unnamed-module) classes; the manager keeps
 * everything else its builder configured. If HttpClient's internals differ, nothing is
 * changed and the endpoint says that HttpClient 5 is not covered.
 *
 * @author Loopback Fast Path contributors
 */
public final class HttpClient5FastPath {

	private final LoopbackFastPath fastPath;

	/**
	 * Create the hook.
	 * @param fastPath the engine
	 */
	public HttpClient5FastPath(LoopbackFastPath fastPath) {
		this.fastPath = fastPath;
	}

	/**
	 * Give the connection manager of a client builder the fast path; the place for Spring
	 * Boot's {@code withHttpClientCustomizer}, which runs after Boot set up the manager.
	 * @param builder the client builder
	 */
	public void apply(HttpClientBuilder builder) {
		HttpClientConnectionManager manager;
		try {
			manager = HttpClient5Internals.connectionManager(builder);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			this.fastPath.notCovered(Components.HTTPCLIENT5,
					"The connection manager of this HttpClient 5 version cannot be reached (" + ex
							+ "); its connections run without the fast path.");
			return;
		}
		if (manager instanceof PoolingHttpClientConnectionManager pooling) {
			apply(pooling);
		}
		else {
			this.fastPath.notCovered(Components.HTTPCLIENT5,
					"The HttpClient 5 connection manager "
							+ ((manager != null) ? manager.getClass().getName() : "(none)")
							+ " is not a PoolingHttpClientConnectionManager, whose sockets the starter can reach.");
		}
	}

	/**
	 * Give a connection manager the fast path on every socket it opens.
	 * @param manager the manager
	 * @return the same manager
	 */
	public PoolingHttpClientConnectionManager apply(PoolingHttpClientConnectionManager manager) {
		try {
			Object operator = HttpClient5Internals.connectionOperator(manager);
			if (!(operator instanceof DefaultHttpClientConnectionOperator defaultOperator)) {
				this.fastPath.notCovered(Components.HTTPCLIENT5,
						"The HttpClient 5 connection operator "
								+ ((operator != null) ? operator.getClass().getName() : "(none)")
								+ " is not the default one, whose socket factory the starter replaces.");
				return manager;
			}
			DetachedSocketFactory current = HttpClient5Internals.socketFactory(defaultOperator);
			if (current != null && !(current instanceof FastPathDetachedSocketFactory)) {
				HttpClient5Internals.socketFactory(defaultOperator,
						new FastPathDetachedSocketFactory(current, this.fastPath));
			}
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			this.fastPath.notCovered(Components.HTTPCLIENT5,
					"The sockets of this HttpClient 5 version cannot be reached (" + ex
							+ "); its connections run without the fast path.");
		}
		return manager;
	}

}
