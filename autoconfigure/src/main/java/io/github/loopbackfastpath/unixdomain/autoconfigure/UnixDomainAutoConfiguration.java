package io.github.loopbackfastpath.unixdomain.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;

import io.github.loopbackfastpath.autoconfigure.LoopbackFastPathAutoConfiguration;
import io.github.loopbackfastpath.client.reactor.ReactorNettyRuntimeHints;
import io.github.loopbackfastpath.grpc.GrpcRuntimeHints;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.unixdomain.NetworkNamespace;
import io.github.loopbackfastpath.unixdomain.RegistryRecorder;
import io.github.loopbackfastpath.unixdomain.ServerBinder;
import io.github.loopbackfastpath.unixdomain.ServerPublisher;
import io.github.loopbackfastpath.unixdomain.SocketBuffers;
import io.github.loopbackfastpath.unixdomain.SocketDirectory;
import io.github.loopbackfastpath.unixdomain.SocketTrust;
import io.github.loopbackfastpath.unixdomain.UnixDomainPublisher;
import io.github.loopbackfastpath.unixdomain.UnixDomainRecorder;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.UnixDomainSummary;
import io.github.loopbackfastpath.unixdomain.grpc.GrpcServerSettings;
import io.github.loopbackfastpath.unixdomain.grpc.GrpcUnixDomainChannels;
import io.github.loopbackfastpath.unixdomain.grpc.GrpcUnixDomainPublisher;
import io.github.loopbackfastpath.unixdomain.httpclient5.UnixDomainRouting;
import io.github.loopbackfastpath.unixdomain.jetty.JettyUnixDomainBinder;
import io.github.loopbackfastpath.unixdomain.jettyclient.UnixDomainSocketAddressResolver;
import io.github.loopbackfastpath.unixdomain.netty.ConfiguredHttpServers;
import io.github.loopbackfastpath.unixdomain.netty.NettyUnixDomainBinder;
import io.github.loopbackfastpath.unixdomain.reactor.UnixDomainConnectionProvider;
import io.github.loopbackfastpath.unixdomain.tomcat.TomcatUnixDomainBinder;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.tomcat.util.net.NioEndpoint;
import org.eclipse.jetty.server.Server;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerExecutorProvider;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties;
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
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.grpc.server.ServerBuilderCustomizer;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * {@link AutoConfiguration Auto-configuration} of the same-host mode: web servers also
 * listen on AF_UNIX sockets, and clients send their plain {@code http://} loopback
 * requests there. On with {@code loopback.fast-path.unix-domain.enabled}, whether the
 * ioctl is on or not and whether JNA is on the classpath or not.
 *
 * @author Loopback Fast Path contributors
 */
@AutoConfiguration(after = LoopbackFastPathAutoConfiguration.class)
@EnableConfigurationProperties(UnixDomainProperties.class)
public final class UnixDomainAutoConfiguration {

	/**
	 * The mode's beans, when it is on; its properties are bound either way.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(UnixDomainProperties.PREFIX + ".enabled")
	@ConditionalOnBean(SocketRegistry.class)
	static class SameHostModeConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SocketTrust loopbackFastPathUnixDomainTrust(UnixDomainProperties properties) throws IOException {
			List<UserPrincipal> users = new ArrayList<>();
			for (String user : properties.getTrustedUsers()) {
				users.add(SocketTrust.lookupUser(user));
			}
			String group = properties.getGroup();
			return new SocketTrust(users, (group != null && !group.isBlank()) ? SocketTrust.lookupGroup(group) : null);
		}

		@Bean
		@ConditionalOnMissingBean
		SocketDirectory loopbackFastPathUnixDomainDirectory(UnixDomainProperties properties, SocketTrust trust) {
			Path directory = properties.getDirectory();
			return new SocketDirectory((directory != null) ? directory : SocketDirectory.defaultDirectory(),
					trust.group());
		}

		@Bean
		@ConditionalOnMissingBean
		SocketBuffers loopbackFastPathUnixDomainSocketBuffers(UnixDomainProperties properties) {
			return new SocketBuffers((int) properties.getBufferSize().toBytes());
		}

		@Bean
		@ConditionalOnMissingBean
		NetworkNamespace loopbackFastPathNetworkNamespace() {
			return NetworkNamespace.current();
		}

		@Bean
		@ConditionalOnMissingBean
		UnixDomainRecorder loopbackFastPathUnixDomainRecorder(SocketRegistry registry) {
			return new RegistryRecorder(registry);
		}

		@Bean
		@ConditionalOnMissingBean
		UnixDomainPublisher loopbackFastPathUnixDomainPublisher(SocketDirectory directory, SocketTrust trust,
				NetworkNamespace namespace, UnixDomainRecorder recorder) {
			return new UnixDomainPublisher(directory, trust, namespace, recorder);
		}

		@Bean
		@ConditionalOnMissingBean
		UnixDomainRouter loopbackFastPathUnixDomainRouter(UnixDomainPublisher publisher, SocketDirectory directory,
				SocketTrust trust, NetworkNamespace namespace, UnixDomainRecorder recorder, SocketBuffers buffers) {
			return new UnixDomainRouter(publisher, directory, trust, namespace, recorder, buffers);
		}

		@Bean
		@ConditionalOnMissingBean
		UnixDomainSummary loopbackFastPathUnixDomainSummary(UnixDomainPublisher publisher, UnixDomainRouter router) {
			return new UnixDomainSummary(publisher, router);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnWebApplication
		ServerPublisher loopbackFastPathUnixDomainServerPublisher(UnixDomainPublisher publisher,
				ObjectProvider<ServerBinder> binders) {
			return new ServerPublisher(publisher, binders);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication
		@ConditionalOnClass({ NioEndpoint.class, TomcatWebServer.class })
		static class TomcatServerConfiguration {

			@Bean
			@ConditionalOnMissingBean
			TomcatUnixDomainBinder loopbackFastPathTomcatUnixDomainBinder(SocketDirectory directory,
					SocketBuffers buffers) {
				return new TomcatUnixDomainBinder(directory.socketPermissions(), buffers);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication
		@ConditionalOnClass({ Server.class, JettyWebServer.class })
		static class JettyServerConfiguration {

			@Bean
			@ConditionalOnMissingBean
			JettyUnixDomainBinder loopbackFastPathJettyUnixDomainBinder(SocketBuffers buffers) {
				return new JettyUnixDomainBinder(buffers);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication
		@ConditionalOnClass({ HttpServer.class, NettyWebServer.class })
		static class ReactorNettyServerConfiguration {

			@Bean
			@ConditionalOnMissingBean
			ConfiguredHttpServers loopbackFastPathConfiguredHttpServers() {
				return new ConfiguredHttpServers();
			}

			@Bean
			@ConditionalOnMissingBean
			NettyUnixDomainBinder loopbackFastPathNettyUnixDomainBinder(ConfiguredHttpServers servers,
					SocketBuffers buffers) {
				return new NettyUnixDomainBinder(servers, buffers);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = { "io.grpc.netty.NettyServerBuilder",
				"org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent",
				"io.netty.channel.socket.nio.NioServerDomainSocketChannel" })
		static class GrpcServerConfiguration {

			@Bean
			@ConditionalOnMissingBean
			GrpcUnixDomainPublisher loopbackFastPathGrpcUnixDomainPublisher(UnixDomainPublisher publisher,
					Environment environment, SocketBuffers buffers, ObjectProvider<GrpcServerSettings> settings) {
				return new GrpcUnixDomainPublisher(publisher, environment, buffers, settings.getIfAvailable());
			}

			@Configuration(proxyBeanMethods = false)
			@ConditionalOnClass(name = "org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties")
			static class SettingsConfiguration {

				@Bean
				@ConditionalOnMissingBean
				GrpcServerSettings loopbackFastPathGrpcServerSettings(ObjectProvider<GrpcServerProperties> properties,
						ObjectProvider<CompressorRegistry> compressors,
						ObjectProvider<DecompressorRegistry> decompressors,
						ObjectProvider<GrpcServerExecutorProvider> executor,
						ObjectProvider<ServerBuilderCustomizer<?>> customizers) {
					return new GrpcServerSettings(properties.getIfAvailable(), compressors.getIfAvailable(),
							decompressors.getIfAvailable(), executor.getIfAvailable(),
							customizers.orderedStream().toList());
				}

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
			GrpcUnixDomainChannels loopbackFastPathGrpcUnixDomainChannels(UnixDomainRouter router) {
				return new GrpcUnixDomainChannels(router);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ ReactorClientHttpConnectorBuilder.class, ClientHttpConnectorBuilderCustomizer.class,
				HttpClient.class })
		@ImportRuntimeHints(ReactorNettyRuntimeHints.class)
		static class ReactorNettyConnectorConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "loopbackFastPathReactorNettyConnectorUnixDomainCustomizer")
			ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> loopbackFastPathReactorNettyConnectorUnixDomainCustomizer(
					UnixDomainRouter router, ObjectProvider<ReactorResourceFactory> resourceFactory) {
				return (builder) -> builder.withHttpClientFactory(() -> {
					ReactorResourceFactory resources = resourceFactory.getIfAvailable();
					ConnectionProvider provider = (resources != null) ? resources.getConnectionProvider()
							: HttpResources.get();
					return HttpClient.create(new UnixDomainConnectionProvider(provider, router));
				});
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ ReactorClientHttpRequestFactoryBuilder.class,
				ClientHttpRequestFactoryBuilderCustomizer.class, HttpClient.class })
		@ImportRuntimeHints(ReactorNettyRuntimeHints.class)
		static class ReactorNettyRequestFactoryConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "loopbackFastPathReactorNettyRequestFactoryUnixDomainCustomizer")
			ClientHttpRequestFactoryBuilderCustomizer<ReactorClientHttpRequestFactoryBuilder> loopbackFastPathReactorNettyRequestFactoryUnixDomainCustomizer(
					UnixDomainRouter router) {
				return (builder) -> builder.withHttpClientFactory(
						() -> HttpClient.create(new UnixDomainConnectionProvider(HttpResources.get(), router)));
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(ClientHttpRequestFactoryBuilderCustomizer.class)
		static class JdkClientConfiguration {

			private static final String JDK_REASON = "The JDK's java.net.http.HttpClient has no AF_UNIX: its requests stay "
					+ "on TCP. One dependency is the way out: add org.apache.httpcomponents.client5:httpclient5, "
					+ "io.projectreactor.netty:reactor-netty-http or org.eclipse.jetty:jetty-client and Spring Boot builds "
					+ "that client instead.";

			@Bean
			@ConditionalOnMissingBean(name = "loopbackFastPathJdkRequestFactoryUnixDomainCoverage")
			ClientHttpRequestFactoryBuilderCustomizer<JdkClientHttpRequestFactoryBuilder> loopbackFastPathJdkRequestFactoryUnixDomainCoverage(
					UnixDomainRouter router) {
				return (builder) -> {
					router.notCovered("jdk-httpclient", JDK_REASON);
					return builder;
				};
			}

			@Bean
			@ConditionalOnMissingBean(name = "loopbackFastPathJdkConnectorUnixDomainCoverage")
			@ConditionalOnClass(ClientHttpConnectorBuilderCustomizer.class)
			ClientHttpConnectorBuilderCustomizer<JdkClientHttpConnectorBuilder> loopbackFastPathJdkConnectorUnixDomainCoverage(
					UnixDomainRouter router) {
				return (builder) -> {
					router.notCovered("jdk-httpclient", JDK_REASON);
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
					UnixDomainRouter router) {
				return (builder) -> builder
					.withHttpClientCustomizer((client) -> UnixDomainSocketAddressResolver.apply(client, router));
			}

			@Bean
			@ConditionalOnMissingBean(name = "loopbackFastPathJettyConnectorUnixDomainCustomizer")
			@ConditionalOnClass({ JettyClientHttpConnectorBuilder.class, ClientHttpConnectorBuilderCustomizer.class })
			ClientHttpConnectorBuilderCustomizer<JettyClientHttpConnectorBuilder> loopbackFastPathJettyConnectorUnixDomainCustomizer(
					UnixDomainRouter router) {
				return (builder) -> builder
					.withHttpClientCustomizer((client) -> UnixDomainSocketAddressResolver.apply(client, router));
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ HttpClientBuilder.class, ClientHttpRequestFactoryBuilderCustomizer.class,
				ClientHttpRequestFactoryBuilder.class })
		static class HttpClient5Configuration {

			@Bean
			@ConditionalOnMissingBean
			UnixDomainRouting loopbackFastPathHttpClient5UnixDomainRouting(UnixDomainRouter router) {
				return new UnixDomainRouting(router);
			}

			@Bean
			@ConditionalOnMissingBean(name = "loopbackFastPathHttpClient5UnixDomainCustomizer")
			ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> loopbackFastPathHttpClient5UnixDomainCustomizer(
					UnixDomainRouting routing) {
				return (builder) -> builder.withHttpClientCustomizer(routing::apply);
			}

		}

	}

}
