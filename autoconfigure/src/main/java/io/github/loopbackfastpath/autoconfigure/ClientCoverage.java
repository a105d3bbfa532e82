package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.engine.LoopbackFastPath;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;

/**
 * Says on the endpoint which HTTP clients Spring Boot builds without a hook: instead of
 * silently doing nothing, the starter names the client and the way out.
 *
 * @author Loopback Fast Path contributors
 */
final class ClientCoverage {

	private static final String JDK_REASON = "The JDK's java.net.http.HttpClient offers no hook before connect. Only "
			+ "the JDK-wide switch -Djdk.net.useFastTcpLoopback=true (every socket of the JVM, set at start-up) "
			+ "reaches it; or choose the reactor or http-components client.";

	private ClientCoverage() {
	}

	static String componentOf(Object builder) {
		String name = builder.getClass().getSimpleName();
		if (name.startsWith("Jdk")) {
			return "jdk-httpclient";
		}
		if (name.startsWith("Jetty")) {
			return "jetty-client";
		}
		if (name.startsWith("HttpComponents")) {
			return "httpclient5-async";
		}
		if (name.startsWith("Simple")) {
			return "http-url-connection";
		}
		return builder.getClass().getName();
	}

	static String reasonFor(Object builder, String property) {
		String component = componentOf(builder);
		String way = " Set " + property + " to reactor (or http-components for blocking clients) to get the fast path.";
		return switch (component) {
			case "jdk-httpclient" -> JDK_REASON;
			case "jetty-client" -> "The Jetty client is not hooked by this starter." + way;
			case "httpclient5-async" -> "The async Apache HttpClient 5 connector is not hooked by this starter." + way;
			case "http-url-connection" -> "HttpURLConnection offers no hook before connect." + way;
			default -> "The client " + component + " is not hooked by this starter." + way;
		};
	}

	/**
	 * Records the reactive connectors the starter does not hook.
	 */
	static final class Connectors implements ClientHttpConnectorBuilderCustomizer<ClientHttpConnectorBuilder<?>> {

		private final LoopbackFastPath fastPath;

		Connectors(LoopbackFastPath fastPath) {
			this.fastPath = fastPath;
		}

		@Override
		public ClientHttpConnectorBuilder<?> customize(ClientHttpConnectorBuilder<?> builder) {
			if (!builder.getClass().getSimpleName().startsWith("Reactor")) {
				this.fastPath.notCovered(componentOf(builder),
						reasonFor(builder, "spring.http.clients.reactive.connector"));
			}
			return builder;
		}

	}

	/**
	 * Records the blocking request factories the starter does not hook.
	 */
	static final class RequestFactories
			implements ClientHttpRequestFactoryBuilderCustomizer<ClientHttpRequestFactoryBuilder<?>> {

		private final LoopbackFastPath fastPath;

		RequestFactories(LoopbackFastPath fastPath) {
			this.fastPath = fastPath;
		}

		@Override
		public ClientHttpRequestFactoryBuilder<?> customize(ClientHttpRequestFactoryBuilder<?> builder) {
			String name = builder.getClass().getSimpleName();
			if (!name.startsWith("Reactor") && !name.startsWith("HttpComponents")) {
				this.fastPath.notCovered(componentOf(builder),
						reasonFor(builder, "spring.http.clients.imperative.factory"));
			}
			return builder;
		}

	}

	/**
	 * In a reactive application Spring Boot builds {@code RestClient} and
	 * {@code RestTemplate} without a {@code ClientHttpRequestFactoryBuilder} bean, so no
	 * builder customizer (this starter's neither) reaches them: say so.
	 */
	static final class ReactiveApplicationBlockingClients implements SmartInitializingSingleton {

		private final LoopbackFastPath fastPath;

		private final ObjectProvider<ClientHttpRequestFactoryBuilder<?>> builders;

		ReactiveApplicationBlockingClients(LoopbackFastPath fastPath,
				ObjectProvider<ClientHttpRequestFactoryBuilder<?>> builders) {
			this.fastPath = fastPath;
			this.builders = builders;
		}

		@Override
		public void afterSingletonsInstantiated() {
			if (this.builders.getIfAvailable() == null) {
				this.fastPath.notCovered("rest-client", "In a reactive application Spring Boot builds RestClient and "
						+ "RestTemplate from ClientHttpRequestFactoryBuilder.detect(), without builder customizers, so "
						+ "their sockets do not get the fast path. Use WebClient, or declare a request factory built "
						+ "with ClientHttpRequestFactoryBuilder.reactor().withHttpClientCustomizer("
						+ "reactorNettyClientFastPath::apply).");
			}
		}

	}

}
