package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.grpc.GrpcClientFastPath;
import io.github.loopbackfastpath.grpc.GrpcCoverage;
import io.github.loopbackfastpath.grpc.GrpcListenerCheck;
import io.github.loopbackfastpath.grpc.GrpcRuntimeHints;
import io.github.loopbackfastpath.grpc.GrpcServerFastPath;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.grpc.netty.NettyChannelBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.grpc.client.GrpcChannelBuilderCustomizer;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.server.GrpcServerFactory;
import org.springframework.grpc.server.ServerBuilderCustomizer;

/**
 * {@link AutoConfiguration Auto-configuration} of the sockets of the gRPC servers and
 * channels Spring Boot builds (Spring Boot 4.1's {@code spring-boot-grpc-server} and
 * {@code -client}, Spring gRPC on grpc-netty), through Spring gRPC's own builder
 * customizers, so that every setting of the server and the channels is kept. Spring Boot
 * 4.0 has no gRPC modules: there it backs off.
 *
 * @author Loopback Fast Path contributors
 */
@AutoConfiguration(after = LoopbackFastPathAutoConfiguration.class)
@ConditionalOnClass(name = { "io.grpc.netty.NettyServerBuilder", "org.springframework.grpc.server.GrpcServerFactory" })
@ConditionalOnBooleanProperty(PropertyNames.ENABLED)
@ConditionalOnBean(LoopbackFastPath.class)
@ImportRuntimeHints(GrpcRuntimeHints.class)
public final class LoopbackFastPathGrpcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	GrpcCoverage loopbackFastPathGrpcCoverage(LoopbackFastPath fastPath, ObjectProvider<GrpcServerFactory> servers,
			ObjectProvider<GrpcChannelFactory> channels) {
		return new GrpcCoverage(fastPath, servers, channels);
	}

	@Bean
	@ConditionalOnMissingBean
	GrpcListenerCheck loopbackFastPathGrpcListenerCheck(LoopbackFastPath fastPath, SocketRegistry registry) {
		return new GrpcListenerCheck(fastPath, registry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ServerBuilderCustomizer.class)
	@ConditionalOnBooleanProperty(name = PropertyNames.SERVER_ENABLED, matchIfMissing = true)
	static class ServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GrpcServerFastPath loopbackFastPathGrpcServer(LoopbackFastPath fastPath) {
			return new GrpcServerFastPath(fastPath);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ NettyChannelBuilder.class, GrpcChannelBuilderCustomizer.class })
	@ConditionalOnBooleanProperty(name = PropertyNames.CLIENT_ENABLED, matchIfMissing = true)
	static class ClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GrpcClientFastPath loopbackFastPathGrpcClient(LoopbackFastPath fastPath) {
			return new GrpcClientFastPath(fastPath);
		}

	}

}
