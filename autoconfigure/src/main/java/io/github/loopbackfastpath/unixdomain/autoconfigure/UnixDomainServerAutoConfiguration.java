package io.github.loopbackfastpath.unixdomain.autoconfigure;

import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.server.tomcat.TomcatRuntimeHints;
import io.github.loopbackfastpath.unixdomain.OwnSockets;
import io.github.loopbackfastpath.unixdomain.SocketBuffers;
import io.github.loopbackfastpath.unixdomain.SocketDirectory;
import io.github.loopbackfastpath.unixdomain.SocketPermissions;
import io.github.loopbackfastpath.unixdomain.UnixDomainRecorder;
import io.github.loopbackfastpath.unixdomain.server.PeerReader;
import io.github.loopbackfastpath.unixdomain.server.ServerBinder;
import io.github.loopbackfastpath.unixdomain.server.ServerBinders;
import io.github.loopbackfastpath.unixdomain.server.SocketOnly;
import io.github.loopbackfastpath.unixdomain.server.SocketOnlyCustomizer;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import io.github.loopbackfastpath.unixdomain.server.grpc.GrpcServerSettings;
import io.github.loopbackfastpath.unixdomain.server.grpc.GrpcSocketOnlyServers;
import io.github.loopbackfastpath.unixdomain.server.grpc.GrpcSocketServer;
import io.github.loopbackfastpath.unixdomain.server.jetty.JettyUnixDomainBinder;
import io.github.loopbackfastpath.unixdomain.server.netty.ConfiguredHttpServers;
import io.github.loopbackfastpath.unixdomain.server.netty.NettyUnixDomainBinder;
import io.github.loopbackfastpath.unixdomain.server.tomcat.TomcatUnixDomainBinder;
import io.github.loopbackfastpath.unixdomain.server.webflux.PeerIdentityWebFilter;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import org.apache.tomcat.util.net.NioEndpoint;
import org.eclipse.jetty.server.Server;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerExecutorProvider;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.grpc.server.ServerBuilderCustomizer;
import org.springframework.web.server.WebFilter;

/**
 * {@link AutoConfiguration Auto-configuration} of the same-host mode's servers: the one
 * {@link SocketPublisher}, a {@link ServerBinder} per embedded web server on the
 * classpath, and the gRPC server on the socket.
 *
 * @author Loopback Fast Path contributors
 */
@AutoConfiguration(after = UnixDomainAutoConfiguration.class)
@ConditionalOnBean(SocketDirectory.class)
public final class UnixDomainServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SocketPublisher loopbackFastPathUnixDomainPublisher(SocketDirectory directory, SocketPermissions permissions,
			OwnSockets own, UnixDomainRecorder recorder, PeerReader peers, UnixDomainProperties properties) {
		return new SocketPublisher(directory, permissions, own, recorder, peers, properties.getSocketOnly());
	}

	@Bean
	@ConditionalOnMissingBean
	PeerReader loopbackFastPathPeerReader(ObjectProvider<ChannelHandles> handles) {
		// How the callers' file descriptors are reached is found once the application
		// is ready, with what reads their ids: not to start it
		return new PeerReader(() -> handles.getIfAvailable(ChannelHandles::detect));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	PeerIdentityWebFilter loopbackFastPathPeerIdentityWebFilter() {
		return new PeerIdentityWebFilter();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnWebApplication
	ServerBinders loopbackFastPathUnixDomainServerBinders(SocketPublisher publisher,
			ObjectProvider<ServerBinder> binders) {
		return new ServerBinders(publisher, binders);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnClass({ NioEndpoint.class, TomcatWebServer.class })
	@ImportRuntimeHints(TomcatRuntimeHints.class)
	static class TomcatConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TomcatUnixDomainBinder loopbackFastPathTomcatUnixDomainBinder(SocketPermissions permissions,
				SocketBuffers buffers) {
			return new TomcatUnixDomainBinder(permissions.socketMode(), buffers);
		}

		@Bean
		SocketOnlyCustomizer<TomcatWebServerFactory> loopbackFastPathTomcatSocketOnly(UnixDomainProperties properties,
				ObjectProvider<SocketPublisher> publisher, ObjectProvider<TomcatUnixDomainBinder> binder) {
			return new SocketOnlyCustomizer<>(properties.getSocketOnly(), SocketOnly.SERVER,
					TomcatWebServerFactory.class, Components.TOMCAT, publisher::getObject,
					(factory, socket) -> binder.getObject().socketOnly(factory, socket));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnClass({ Server.class, JettyWebServer.class })
	static class JettyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JettyUnixDomainBinder loopbackFastPathJettyUnixDomainBinder(SocketBuffers buffers) {
			return new JettyUnixDomainBinder(buffers);
		}

		@Bean
		SocketOnlyCustomizer<JettyWebServerFactory> loopbackFastPathJettySocketOnly(UnixDomainProperties properties,
				ObjectProvider<SocketPublisher> publisher, ObjectProvider<JettyUnixDomainBinder> binder) {
			return new SocketOnlyCustomizer<>(properties.getSocketOnly(), SocketOnly.SERVER,
					JettyWebServerFactory.class, Components.JETTY, publisher::getObject,
					(factory, socket) -> binder.getObject().socketOnly(factory, socket));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnClass({ HttpServer.class, NettyWebServer.class })
	static class ReactorNettyConfiguration {

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

		@Bean
		SocketOnlyCustomizer<NettyReactiveWebServerFactory> loopbackFastPathNettySocketOnly(
				UnixDomainProperties properties, ObjectProvider<SocketPublisher> publisher,
				ObjectProvider<NettyUnixDomainBinder> binder) {
			return new SocketOnlyCustomizer<>(properties.getSocketOnly(), SocketOnly.SERVER,
					NettyReactiveWebServerFactory.class, Components.REACTOR_NETTY, publisher::getObject,
					(factory, socket) -> binder.getObject().socketOnly(factory, socket));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.grpc.netty.NettyServerBuilder",
			"org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent",
			"io.netty.channel.socket.nio.NioServerDomainSocketChannel" })
	static class GrpcConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GrpcSocketServer loopbackFastPathGrpcSocketServer(SocketPublisher publisher, Environment environment,
				SocketBuffers buffers, ObjectProvider<GrpcServerSettings> settings) {
			return new GrpcSocketServer(publisher, environment, buffers, settings.getIfAvailable());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties")
		static class SettingsConfiguration {

			@Bean
			@ConditionalOnMissingBean
			GrpcServerSettings loopbackFastPathGrpcServerSettings(ObjectProvider<GrpcServerProperties> properties,
					ObjectProvider<CompressorRegistry> compressors, ObjectProvider<DecompressorRegistry> decompressors,
					ObjectProvider<GrpcServerExecutorProvider> executor,
					ObjectProvider<ServerBuilderCustomizer<?>> customizers) {
				return new GrpcServerSettings(properties.getIfAvailable(), compressors.getIfAvailable(),
						decompressors.getIfAvailable(), executor.getIfAvailable(),
						customizers.orderedStream().toList());
			}

			@Bean
			@ConditionalOnMissingBean
			@ConditionalOnClass(name = "org.springframework.grpc.server.NettyGrpcServerFactory")
			static GrpcSocketOnlyServers loopbackFastPathGrpcSocketOnlyServers(
					ObjectProvider<SocketPublisher> publisher, ObjectProvider<SocketBuffers> buffers,
					ObjectProvider<GrpcServerSettings> settings) {
				return new GrpcSocketOnlyServers(publisher::getObject, buffers::getObject, settings::getObject);
			}

		}

	}

}
