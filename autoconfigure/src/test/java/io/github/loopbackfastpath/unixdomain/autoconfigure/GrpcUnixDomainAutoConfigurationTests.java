package io.github.loopbackfastpath.unixdomain.autoconfigure;

import java.nio.file.Path;

import io.github.loopbackfastpath.autoconfigure.LoopbackFastPathAutoConfiguration;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.client.ClientConnections;
import io.github.loopbackfastpath.unixdomain.client.grpc.GrpcUnixDomainChannels;
import io.github.loopbackfastpath.unixdomain.observation.GrpcClientTransport;
import io.github.loopbackfastpath.unixdomain.observation.GrpcServerTransport;
import io.github.loopbackfastpath.unixdomain.observation.TransportObservationFilter;
import io.github.loopbackfastpath.unixdomain.server.grpc.GrpcSocketServer;
import io.grpc.netty.NettyChannelBuilder;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gRPC part of {@link UnixDomainAutoConfiguration} and
 * {@link UnixDomainObservationAutoConfiguration}, apart from its other tests so that the
 * build on Spring Boot 4.0 (no gRPC modules) leaves it out.
 */
class GrpcUnixDomainAutoConfigurationTests {

	@TempDir
	Path temp;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class, UnixDomainAutoConfiguration.class,
							UnixDomainServerAutoConfiguration.class, UnixDomainClientAutoConfiguration.class))
			.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.withPropertyValues("loopback.fast-path.unix-domain.enabled=true",
					"loopback.fast-path.unix-domain.directory=" + this.temp);
	}

	@Test
	void channelsAndTheServerWithGrpcNetty() {
		runner().run((context) -> assertThat(context).hasSingleBean(GrpcUnixDomainChannels.class)
			.hasSingleBean(GrpcSocketServer.class));
	}

	@Test
	void noChannelsWithoutGrpcNetty() {
		runner().withClassLoader(new FilteredClassLoader(NettyChannelBuilder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(GrpcUnixDomainChannels.class));
	}

	@Test
	void transportResolversForTheGrpcObservations() {
		runner().withConfiguration(AutoConfigurations.of(UnixDomainObservationAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(GrpcServerTransport.class)
				.hasSingleBean(GrpcClientTransport.class));
	}

	@Test
	void noGrpcResolversWithoutMicrometersGrpcBinder() {
		runner().withConfiguration(AutoConfigurations.of(UnixDomainObservationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer.core.instrument.binder.grpc"))
			.run((context) -> assertThat(context).hasSingleBean(TransportObservationFilter.class)
				.doesNotHaveBean(GrpcServerTransport.class)
				.doesNotHaveBean(GrpcClientTransport.class));
	}

	@Test
	void noGrpcClientResolverWithoutGrpc() {
		runner().withConfiguration(AutoConfigurations.of(UnixDomainObservationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.grpc"))
			.run((context) -> assertThat(context).hasSingleBean(TransportObservationFilter.class)
				.doesNotHaveBean(GrpcClientTransport.class));
	}

	@Test
	void theApplicationsOwnChannelsCustomizerWins() {
		runner().withUserConfiguration(OwnChannels.class)
			.run((context) -> assertThat(context.getBeanNamesForType(GrpcUnixDomainChannels.class))
				.containsExactly("ownChannels"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChannels {

		@Bean
		GrpcUnixDomainChannels ownChannels(UnixDomainRouter router, ClientConnections connections) {
			return new GrpcUnixDomainChannels(router, connections);
		}

	}

}
