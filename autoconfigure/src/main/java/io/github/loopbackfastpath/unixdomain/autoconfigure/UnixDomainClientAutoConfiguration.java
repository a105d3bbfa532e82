package io.github.loopbackfastpath.unixdomain.autoconfigure;

import java.util.function.Supplier;

import io.github.loopbackfastpath.client.reactor.ReactorNettyRuntimeHints;
import io.github.loopbackfastpath.grpc.GrpcRuntimeHints;
import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.unixdomain.SocketBuffers;
import io.github.loopbackfastpath.unixdomain.UnixDomainRecorder;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.client.ClientConnections;
import io.github.loopbackfastpath.unixdomain.client.grpc.GrpcUnixDomainChannels;
import io.github.loopbackfastpath.unixdomain.client.httpclient5.UnixDomainRouting;
import io.github.loopbackfastpath.unixdomain.client.jetty.UnixDomainSocketAddressResolver;
import io.github.loopbackfastpath.unixdomain.client.reactor.UnixDomainConnectionProvider;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JettyClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JettyClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * {@link AutoConfiguration Auto-configuration} of the same-host mode's clients: the
 * adapter of each HTTP client Spring Boot builds and of gRPC channels, each passing the
 * facts of a connection to the {@link UnixDomainRouter}, and the JDK's client said to
 * stay on TCP.
 *
 * @author Loopback Fast Path contributors
 */
@AutoConfiguration(after = UnixDomainAutoConfiguration.class)
@ConditionalOnBean(UnixDomainRouter.class)
public final class UnixDomainClientAutoConfiguration {

	private static final String REACTIVE_BLOCKING_REASON = "In a reactive application Spring Boot builds "
			+ "RestClient and RestTemplate from ClientHttpRequestFactoryBuilder.detect(), without builder customizers, "
			+ "so their requests stay on TCP. Use WebClient, whose requests the same-host mode routes.";

	private static final String JDK_REASON = "The JDK's java.net.http.HttpClient has no AF_UNIX: its requests stay "
			+ "on TCP. One dependency is the way out: add org.apache.httpcomponents.client5:httpclient5, "
			+ "io.projectreactor.netty:reactor-netty-http or org.eclipse.jetty:jetty-client and Spring Boot builds "
			+ "that client instead.";

	@Bean
	@ConditionalOnMissingBean
	ClientConnections loopbackFastPathUnixDomainClientConnections(UnixDomainRecorder recorder, SocketBuffers buffers) {
		return new ClientConnections(recorder, buffers);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ReactorClientHttpConnectorBuilder.class, ClientHttpConnectorBuilderCustomizer.class,
			HttpClient.class })
	@ImportRuntimeHints(ReactorNettyRuntimeHints.class)
	static class ReactorNettyConnectorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "loopbackFastPathReactorNettyConnectorUnixDomainCustomizer")
		ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> loopbackFastPathReactorNettyConnectorUnixDomainCustomizer(
				UnixDomainRouter router, ClientConnections connections,
				ObjectProvider<ReactorResourceFactory> resourceFactory) {
			// The client's connection provider is asked for on its first connection, as
			// Reactor Netty asks for its global one: not made to start the application
			return (builder) -> builder.withHttpClientFactory(() -> {
				ReactorResourceFactory resources = resourceFactory.getIfAvailable();
				Supplier<ConnectionProvider> provider = (resources != null) ? resources::getConnectionProvider
						: HttpResources::get;
				return HttpClient.create(new UnixDomainConnectionProvider(provider, router, connections));
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ReactorClientHttpRequestFactoryBuilder.class, ClientHttpRequestFactoryBuilderCustomizer.class,
			HttpClient.class })
	@ImportRuntimeHints(ReactorNettyRuntimeHints.class)
	static class ReactorNettyRequestFactoryConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "loopbackFastPathReactorNettyRequestFactoryUnixDomainCustomizer")
		ClientHttpRequestFactoryBuilderCustomizer<ReactorClientHttpRequestFactoryBuilder> loopbackFastPathReactorNettyRequestFactoryUnixDomainCustomizer(
				UnixDomainRouter router, ClientConnections connections) {
			return (builder) -> builder.withHttpClientFactory(
					() -> HttpClient.create(new UnixDomainConnectionProvider(HttpResources::get, router, connections)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.client.RestClient")
	static class ReactiveApplicationBlockingClientsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "loopbackFastPathReactiveBlockingClientsUnixDomainCoverage")
		SmartInitializingSingleton loopbackFastPathReactiveBlockingClientsUnixDomainCoverage(
				ClientConnections connections, ObjectProvider<ClientHttpRequestFactoryBuilder<?>> builders) {
			return () -> {
				if (builders.getIfAvailable() == null) {
					connections.restClientsNotCovered(REACTIVE_BLOCKING_REASON);
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ClientHttpRequestFactoryBuilderCustomizer.class)
	static class JdkClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "loopbackFastPathJdkRequestFactoryUnixDomainCoverage")
		ClientHttpRequestFactoryBuilderCustomizer<JdkClientHttpRequestFactoryBuilder> loopbackFastPathJdkRequestFactoryUnixDomainCoverage(
				ClientConnections connections) {
			return (builder) -> {
				connections.notCovered(Components.JDK_HTTPCLIENT, JDK_REASON);
				return builder;
			};
		}

		@Bean
		@ConditionalOnMissingBean(name = "loopbackFastPathJdkConnectorUnixDomainCoverage")
		@ConditionalOnClass(ClientHttpConnectorBuilderCustomizer.class)
		ClientHttpConnectorBuilderCustomizer<JdkClientHttpConnectorBuilder> loopbackFastPathJdkConnectorUnixDomainCoverage(
				ClientConnections connections) {
			return (builder) -> {
				connections.notCovered(Components.JDK_HTTPCLIENT, JDK_REASON);
				return builder;
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ org.eclipse.jetty.client.HttpClient.class, JettyClientHttpRequestFactoryBuilder.class,
			ClientHttpRequestFactoryBuilderCustomizer.class })
	static class JettyClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "loopbackFastPathJettyRequestFactoryUnixDomainCustomizer")
		ClientHttpRequestFactoryBuilderCustomizer<JettyClientHttpRequestFactoryBuilder> loopbackFastPathJettyRequestFactoryUnixDomainCustomizer(
				UnixDomainRouter router, ClientConnections connections) {
			return (builder) -> builder.withHttpClientCustomizer(
					(client) -> UnixDomainSocketAddressResolver.apply(client, router, connections));
		}

		@Bean
		@ConditionalOnMissingBean(name = "loopbackFastPathJettyConnectorUnixDomainCustomizer")
		@ConditionalOnClass({ JettyClientHttpConnectorBuilder.class, ClientHttpConnectorBuilderCustomizer.class })
		ClientHttpConnectorBuilderCustomizer<JettyClientHttpConnectorBuilder> loopbackFastPathJettyConnectorUnixDomainCustomizer(
				UnixDomainRouter router, ClientConnections connections) {
			return (builder) -> builder.withHttpClientCustomizer(
					(client) -> UnixDomainSocketAddressResolver.apply(client, router, connections));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HttpClientBuilder.class, ClientHttpRequestFactoryBuilderCustomizer.class,
			ClientHttpRequestFactoryBuilder.class })
	static class HttpClient5Configuration {

		@Bean
		@ConditionalOnMissingBean
		UnixDomainRouting loopbackFastPathHttpClient5UnixDomainRouting(UnixDomainRouter router,
				ClientConnections connections) {
			return new UnixDomainRouting(router, connections);
		}

		@Bean
		@ConditionalOnMissingBean(name = "loopbackFastPathHttpClient5UnixDomainCustomizer")
		ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> loopbackFastPathHttpClient5UnixDomainCustomizer(
				UnixDomainRouting routing) {
			return (builder) -> builder.withHttpClientCustomizer(routing::apply);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.grpc.netty.NettyChannelBuilder",
			"org.springframework.grpc.client.GrpcChannelBuilderCustomizer",
			"io.netty.channel.socket.nio.NioDomainSocketChannel" })
	@ImportRuntimeHints(GrpcRuntimeHints.class)
	static class GrpcChannelConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GrpcUnixDomainChannels loopbackFastPathGrpcUnixDomainChannels(UnixDomainRouter router,
				ClientConnections connections) {
			return new GrpcUnixDomainChannels(router, connections);
		}

	}

}
