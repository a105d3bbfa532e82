package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.client.ClientCoverage;
import io.github.loopbackfastpath.client.httpclient5.HttpClient5FastPath;
import io.github.loopbackfastpath.client.httpclient5.HttpClient5RuntimeHints;
import io.github.loopbackfastpath.client.jetty.JettyClientFastPath;
import io.github.loopbackfastpath.client.reactor.ReactorNettyClientFastPath;
import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.netty.NettyRuntimeHints;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.eclipse.jetty.io.ClientConnector;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JettyClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.JettyClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * {@link AutoConfiguration Auto-configuration} of the client sockets of the HTTP clients
 * Spring Boot builds ({@code WebClient}, {@code RestClient}, {@code RestTemplate}),
 * through Boot's own builder customizers so that Boot's resources, timeouts and SSL
 * settings are kept. One nested configuration per client library.
 *
 * @author Loopback Fast Path contributors
 */
@AutoConfiguration(after = LoopbackFastPathAutoConfiguration.class)
@ConditionalOnClass(ClientHttpRequestFactoryBuilderCustomizer.class)
@ConditionalOnBooleanProperty(PropertyNames.ENABLED)
@ConditionalOnBooleanProperty(name = PropertyNames.CLIENT_ENABLED, matchIfMissing = true)
@ConditionalOnBean(LoopbackFastPath.class)
public final class LoopbackFastPathClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClientCoverage.RequestFactories loopbackFastPathRequestFactoryCoverage(LoopbackFastPath fastPath) {
		return new ClientCoverage.RequestFactories(fastPath);
	}

	@Bean
	@ConditionalOnMissingBean
	ClientCoverage.Connectors loopbackFastPathConnectorCoverage(LoopbackFastPath fastPath) {
		return new ClientCoverage.Connectors(fastPath);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.client.RestClient")
	ClientCoverage.ReactiveApplicationBlockingClients loopbackFastPathReactiveApplicationBlockingClients(
			LoopbackFastPath fastPath, ObjectProvider<ClientHttpRequestFactoryBuilder<?>> builders) {
		return new ClientCoverage.ReactiveApplicationBlockingClients(fastPath, builders);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(reactor.netty.http.client.HttpClient.class)
	@ImportRuntimeHints(NettyRuntimeHints.class)
	static class ReactorNettyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactorNettyClientFastPath loopbackFastPathReactorNettyClient(LoopbackFastPath fastPath) {
			return new ReactorNettyClientFastPath(fastPath);
		}

		@Bean
		@ConditionalOnMissingBean(name = "loopbackFastPathReactorConnectorCustomizer")
		ReactorConnectorCustomizer loopbackFastPathReactorConnectorCustomizer(ReactorNettyClientFastPath client) {
			return new ReactorConnectorCustomizer(client);
		}

		@Bean
		@ConditionalOnMissingBean(name = "loopbackFastPathReactorRequestFactoryCustomizer")
		ReactorRequestFactoryCustomizer loopbackFastPathReactorRequestFactoryCustomizer(
				ReactorNettyClientFastPath client) {
			return new ReactorRequestFactoryCustomizer(client);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HttpClientBuilder.class)
	@ImportRuntimeHints(HttpClient5RuntimeHints.class)
	static class HttpClient5Configuration {

		@Bean
		@ConditionalOnMissingBean
		HttpClient5FastPath loopbackFastPathHttpClient5(LoopbackFastPath fastPath) {
			return new HttpClient5FastPath(fastPath);
		}

		@Bean
		@ConditionalOnMissingBean(name = "loopbackFastPathHttpClient5RequestFactoryCustomizer")
		HttpClient5RequestFactoryCustomizer loopbackFastPathHttpClient5RequestFactoryCustomizer(
				HttpClient5FastPath client) {
			return new HttpClient5RequestFactoryCustomizer(client);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ org.eclipse.jetty.client.HttpClient.class, ClientConnector.class })
	static class JettyClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JettyClientFastPath loopbackFastPathJettyClient(LoopbackFastPath fastPath) {
			return new JettyClientFastPath(fastPath);
		}

		@Bean
		@ConditionalOnMissingBean(name = "loopbackFastPathJettyRequestFactoryCustomizer")
		ClientHttpRequestFactoryBuilderCustomizer<JettyClientHttpRequestFactoryBuilder> loopbackFastPathJettyRequestFactoryCustomizer(
				JettyClientFastPath client) {
			return (builder) -> builder.withClientConnectorCustomizerCustomizer(client::apply);
		}

		@Bean
		@ConditionalOnMissingBean(name = "loopbackFastPathJettyConnectorCustomizer")
		@ConditionalOnClass(ClientHttpConnectorBuilderCustomizer.class)
		ClientHttpConnectorBuilderCustomizer<JettyClientHttpConnectorBuilder> loopbackFastPathJettyConnectorCustomizer(
				JettyClientFastPath client) {
			return (builder) -> builder.withClientConnectorCustomizerCustomizer(client::apply);
		}

	}

	/**
	 * Gives the Reactor Netty {@code HttpClient} of {@code WebClient} the fast path.
	 */
	static final class ReactorConnectorCustomizer
			implements ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> {

		private final ReactorNettyClientFastPath client;

		ReactorConnectorCustomizer(ReactorNettyClientFastPath client) {
			this.client = client;
		}

		@Override
		public ReactorClientHttpConnectorBuilder customize(ReactorClientHttpConnectorBuilder builder) {
			return builder.withHttpClientCustomizer(this.client::apply);
		}

	}

	/**
	 * Gives the Reactor Netty {@code HttpClient} of {@code RestClient} and
	 * {@code RestTemplate} the fast path.
	 */
	static final class ReactorRequestFactoryCustomizer
			implements ClientHttpRequestFactoryBuilderCustomizer<ReactorClientHttpRequestFactoryBuilder> {

		private final ReactorNettyClientFastPath client;

		ReactorRequestFactoryCustomizer(ReactorNettyClientFastPath client) {
			this.client = client;
		}

		@Override
		public ReactorClientHttpRequestFactoryBuilder customize(ReactorClientHttpRequestFactoryBuilder builder) {
			return builder.withHttpClientCustomizer(this.client::apply);
		}

	}

	/**
	 * Gives the Apache HttpClient 5 of {@code RestClient} and {@code RestTemplate} the
	 * fast path.
	 */
	static final class HttpClient5RequestFactoryCustomizer
			implements ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> {

		private final HttpClient5FastPath client;

		HttpClient5RequestFactoryCustomizer(HttpClient5FastPath client) {
			this.client = client;
		}

		@Override
		public HttpComponentsClientHttpRequestFactoryBuilder customize(
				HttpComponentsClientHttpRequestFactoryBuilder builder) {
			return builder.withHttpClientCustomizer(this.client::apply);
		}

	}

}
