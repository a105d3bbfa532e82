package io.github.loopbackfastpath.client;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.registry.Components;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JettyClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.SimpleClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.HttpComponentsClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JettyClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;

/**
 * Says on the endpoint which HTTP clients Spring Boot builds without a hook: instead of
 * silently doing nothing, the starter names the client and the way out. Clients are told
 * apart by Spring Boot's builder types.
 * <p>
 * The rule for what the starter cannot reach: a socket it sees (a listener of a server
 * that started, a connection a hook saw) gets a {@code SKIPPED} record with the reason; a
 * component whose sockets it never sees (a client library it has no hook for) is named
 * once under {@code notCovered}, with the reason and the way out.
 *
 * @author Loopback Fast Path contributors
 */
public final class ClientCoverage {

	private static final String JDK_REASON = "The JDK's java.net.http.HttpClient offers no hook before connect and no "
			+ "AF_UNIX. One dependency is the way out: add org.apache.httpcomponents.client5:httpclient5, "
			+ "io.projectreactor.netty:reactor-netty-http or org.eclipse.jetty:jetty-client and Spring Boot builds "
			+ "that client instead. For the ioctl only, the JDK-wide switch -Djdk.net.useFastTcpLoopback=true "
			+ "(every socket of the JVM, set at start-up) also reaches it.";

	private ClientCoverage() {
	}

	private static String way(String property) {
		return " Set " + property + " to reactor or jetty (or http-components for blocking clients) to get the fast "
				+ "path.";
	}

	/**
	 * Records the reactive connectors the starter does not hook.
	 */
	public static final class Connectors
			implements ClientHttpConnectorBuilderCustomizer<ClientHttpConnectorBuilder<?>> {

		private static final String PROPERTY = "spring.http.clients.reactive.connector";

		private final LoopbackFastPath fastPath;

		/**
		 * Create the check.
		 * @param fastPath the engine
		 */
		public Connectors(LoopbackFastPath fastPath) {
			this.fastPath = fastPath;
		}

		@Override
		public ClientHttpConnectorBuilder<?> customize(ClientHttpConnectorBuilder<?> builder) {
			if (builder instanceof JdkClientHttpConnectorBuilder) {
				this.fastPath.notCovered(Components.JDK_HTTPCLIENT, JDK_REASON);
			}
			else if (builder instanceof HttpComponentsClientHttpConnectorBuilder) {
				this.fastPath.notCovered("httpclient5-async",
						"The async Apache HttpClient 5 connector is not hooked by this starter." + way(PROPERTY));
			}
			else if (!(builder instanceof ReactorClientHttpConnectorBuilder)
					&& !(builder instanceof JettyClientHttpConnectorBuilder)) {
				this.fastPath.notCovered(builder.getClass().getName(), "The client " + builder.getClass().getName()
						+ " is not hooked by this starter." + way(PROPERTY));
			}
			return builder;
		}

	}

	/**
	 * Records the blocking request factories the starter does not hook.
	 */
	public static final class RequestFactories
			implements ClientHttpRequestFactoryBuilderCustomizer<ClientHttpRequestFactoryBuilder<?>> {

		private static final String PROPERTY = "spring.http.clients.imperative.factory";

		private final LoopbackFastPath fastPath;

		/**
		 * Create the check.
		 * @param fastPath the engine
		 */
		public RequestFactories(LoopbackFastPath fastPath) {
			this.fastPath = fastPath;
		}

		@Override
		public ClientHttpRequestFactoryBuilder<?> customize(ClientHttpRequestFactoryBuilder<?> builder) {
			if (builder instanceof JdkClientHttpRequestFactoryBuilder) {
				this.fastPath.notCovered(Components.JDK_HTTPCLIENT, JDK_REASON);
			}
			else if (builder instanceof SimpleClientHttpRequestFactoryBuilder) {
				this.fastPath.notCovered("http-url-connection",
						"HttpURLConnection offers no hook before connect." + way(PROPERTY));
			}
			else if (!(builder instanceof ReactorClientHttpRequestFactoryBuilder)
					&& !(builder instanceof HttpComponentsClientHttpRequestFactoryBuilder)
					&& !(builder instanceof JettyClientHttpRequestFactoryBuilder)) {
				this.fastPath.notCovered(builder.getClass().getName(), "The client " + builder.getClass().getName()
						+ " is not hooked by this starter." + way(PROPERTY));
			}
			return builder;
		}

	}

	/**
	 * In a reactive application Spring Boot builds {@code RestClient} and
	 * {@code RestTemplate} without a {@code ClientHttpRequestFactoryBuilder} bean, so no
	 * builder customizer (this starter's neither) reaches them: say so.
	 */
	public static final class ReactiveApplicationBlockingClients implements SmartInitializingSingleton {

		private final LoopbackFastPath fastPath;

		private final ObjectProvider<ClientHttpRequestFactoryBuilder<?>> builders;

		/**
		 * Create the check.
		 * @param fastPath the engine
		 * @param builders the application's request factory builder, if any
		 */
		public ReactiveApplicationBlockingClients(LoopbackFastPath fastPath,
				ObjectProvider<ClientHttpRequestFactoryBuilder<?>> builders) {
			this.fastPath = fastPath;
			this.builders = builders;
		}

		@Override
		public void afterSingletonsInstantiated() {
			if (this.builders.getIfAvailable() == null) {
				this.fastPath
					.notCovered(Components.REST_CLIENT, "In a reactive application Spring Boot builds RestClient and "
							+ "RestTemplate from ClientHttpRequestFactoryBuilder.detect(), without builder customizers, so "
							+ "their sockets do not get the fast path. Use WebClient, or declare a request factory built "
							+ "with ClientHttpRequestFactoryBuilder.reactor().withHttpClientCustomizer("
							+ "reactorNettyClientFastPath::apply).");
			}
		}

	}

}
