package io.github.loopbackfastpath.autoconfigure;

import java.nio.file.Path;

import io.github.loopbackfastpath.client.httpclient5.UnixDomainRouting;
import io.github.loopbackfastpath.client.reactor.ReactorConnectorRuntimeHints;
import io.github.loopbackfastpath.client.reactor.UnixDomainConnectorPostProcessor;
import io.github.loopbackfastpath.client.reactor.UnixDomainRequestFactoryPostProcessor;
import io.github.loopbackfastpath.grpc.GrpcUnixDomainPublisher;
import io.github.loopbackfastpath.record.SocketRegistry;
import io.github.loopbackfastpath.server.jetty.JettyUnixDomainBinder;
import io.github.loopbackfastpath.server.netty.NettyUnixDomainBinder;
import io.github.loopbackfastpath.server.netty.NettyWebServerRuntimeHints;
import io.github.loopbackfastpath.server.tomcat.TomcatUnixDomainBinder;
import io.github.loopbackfastpath.unixdomain.ServerBinder;
import io.github.loopbackfastpath.unixdomain.ServerPublisher;
import io.github.loopbackfastpath.unixdomain.UnixDomainSockets;
import io.github.loopbackfastpath.unixdomain.UnixDomainSummary;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.tomcat.util.net.NioEndpoint;
import org.eclipse.jetty.server.Server;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * {@link AutoConfiguration Auto-configuration} of the same-host mode: web servers also
 * listen on AF_UNIX sockets, and clients send their plain {@code http://} loopback
 * requests there. On with {@code loopback.fast-path.unix-domain.enabled}, whether the
 * ioctl is on or not.
 *
 * @author Loopback Fast Path contributors
 */
@AutoConfiguration(after = LoopbackFastPathAutoConfiguration.class)
@ConditionalOnBooleanProperty(PropertyAdvice.UNIX_DOMAIN_ENABLED)
@ConditionalOnBean(SocketRegistry.class)
public final class LoopbackFastPathUnixDomainAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UnixDomainSockets loopbackFastPathUnixDomainSockets(LoopbackFastPathProperties properties,
			SocketRegistry registry) {
		Path directory = properties.getUnixDomain().getDirectory();
		return new UnixDomainSockets((directory != null) ? directory : UnixDomainSockets.defaultDirectory(), registry);
	}

	@Bean
	@ConditionalOnMissingBean
	UnixDomainSummary loopbackFastPathUnixDomainSummary(UnixDomainSockets sockets) {
		return new UnixDomainSummary(sockets);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnWebApplication
	ServerPublisher loopbackFastPathUnixDomainServerPublisher(UnixDomainSockets sockets,
			ObjectProvider<ServerBinder> binders) {
		return new ServerPublisher(sockets, binders);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnClass({ NioEndpoint.class, TomcatWebServer.class })
	static class TomcatServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TomcatUnixDomainBinder loopbackFastPathTomcatUnixDomainBinder() {
			return new TomcatUnixDomainBinder();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnClass({ Server.class, JettyWebServer.class })
	static class JettyServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JettyUnixDomainBinder loopbackFastPathJettyUnixDomainBinder() {
			return new JettyUnixDomainBinder();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnClass({ HttpServer.class, NettyWebServer.class })
	@ImportRuntimeHints(NettyWebServerRuntimeHints.class)
	static class ReactorNettyServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NettyUnixDomainBinder loopbackFastPathNettyUnixDomainBinder() {
			return new NettyUnixDomainBinder();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.grpc.netty.NettyServerBuilder",
			"org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent",
			"io.netty.channel.socket.nio.NioServerDomainSocketChannel" })
	static class GrpcServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GrpcUnixDomainPublisher loopbackFastPathGrpcUnixDomainPublisher(UnixDomainSockets sockets,
				Environment environment) {
			return new GrpcUnixDomainPublisher(sockets, environment);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ReactorClientHttpConnector.class, reactor.netty.http.client.HttpClient.class })
	@ImportRuntimeHints(ReactorConnectorRuntimeHints.class)
	static class ReactorNettyClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		static UnixDomainConnectorPostProcessor loopbackFastPathUnixDomainConnectorPostProcessor(
				ObjectProvider<UnixDomainSockets> sockets) {
			return new UnixDomainConnectorPostProcessor(sockets);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ReactorClientHttpRequestFactory.class, ClientHttpRequestFactoryBuilder.class,
			reactor.netty.http.client.HttpClient.class })
	@ImportRuntimeHints(ReactorConnectorRuntimeHints.class)
	static class ReactorNettyRequestFactoryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		static UnixDomainRequestFactoryPostProcessor loopbackFastPathUnixDomainRequestFactoryPostProcessor(
				ObjectProvider<UnixDomainSockets> sockets) {
			return new UnixDomainRequestFactoryPostProcessor(sockets);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HttpClientBuilder.class, ClientHttpRequestFactoryBuilderCustomizer.class })
	static class HttpClient5Configuration {

		@Bean
		@ConditionalOnMissingBean
		UnixDomainRouting loopbackFastPathHttpClient5UnixDomainRouting(UnixDomainSockets sockets) {
			return new UnixDomainRouting(sockets);
		}

		@Bean
		@ConditionalOnMissingBean(name = "loopbackFastPathHttpClient5UnixDomainCustomizer")
		HttpClient5RoutingCustomizer loopbackFastPathHttpClient5UnixDomainCustomizer(UnixDomainRouting routing) {
			return new HttpClient5RoutingCustomizer(routing);
		}

	}

	/**
	 * Routes the Apache HttpClient 5 of {@code RestClient} and {@code RestTemplate} over
	 * AF_UNIX where it can.
	 */
	static final class HttpClient5RoutingCustomizer
			implements ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> {

		private final UnixDomainRouting routing;

		HttpClient5RoutingCustomizer(UnixDomainRouting routing) {
			this.routing = routing;
		}

		@Override
		public HttpComponentsClientHttpRequestFactoryBuilder customize(
				HttpComponentsClientHttpRequestFactoryBuilder builder) {
			return builder.withHttpClientCustomizer(this.routing::apply);
		}

	}

}
