package io.github.loopbackfastpath.grpc;

import java.util.List;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.platform.detect.SocketPlatforms;
import io.github.loopbackfastpath.registry.SocketRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.grpc.client.ClientInterceptorsConfigurer;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.client.InProcessGrpcChannelFactory;
import org.springframework.grpc.client.NettyGrpcChannelFactory;
import org.springframework.grpc.server.GrpcServerFactory;
import org.springframework.grpc.server.InProcessGrpcServerFactory;
import org.springframework.grpc.server.NettyGrpcServerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GrpcCoverage}: what no gRPC hook reaches is named once, with the
 * reason.
 */
class GrpcCoverageTests {

	private final FastPathEngine engine = new FastPathEngine(SocketPlatforms.detect(), ChannelHandles.detect(),
			new SocketRegistry(4), true, true);

	@Test
	void nettyFactoriesAreCoveredAndNothingIsSaid() {
		check(new NettyGrpcServerFactory("127.0.0.1:0", List.of(), null, null, null), new NettyGrpcChannelFactory(
				List.of(), new ClientInterceptorsConfigurer(new GenericApplicationContext())));
		assertThat(this.engine.registry().notCovered()).isEmpty();
	}

	@Test
	void inProcessServersAndChannelsAreNamedOnceAsHavingNoSocket() {
		check(new InProcessGrpcServerFactory("test", List.of()), new InProcessGrpcChannelFactory(List.of(),
				new ClientInterceptorsConfigurer(new GenericApplicationContext())));
		assertThat(this.engine.registry().notCovered()).containsOnlyKeys("grpc-in-process");
		assertThat(this.engine.registry().notCovered().get("grpc-in-process")).contains("no socket");
	}

	@Test
	void rolesTurnedOffAreNotReportedOn() {
		FastPathEngine listenersOnly = new FastPathEngine(SocketPlatforms.detect(), ChannelHandles.detect(),
				new SocketRegistry(4), true, false);
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("channels", new InProcessGrpcChannelFactory(List.of(),
				new ClientInterceptorsConfigurer(new GenericApplicationContext())));
		new GrpcCoverage(listenersOnly, beans.getBeanProvider(GrpcServerFactory.class),
				beans.getBeanProvider(GrpcChannelFactory.class))
			.afterSingletonsInstantiated();
		assertThat(listenersOnly.registry().notCovered()).isEmpty();
	}

	private void check(GrpcServerFactory server, GrpcChannelFactory channels) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("server", server);
		beans.addBean("channels", channels);
		ObjectProvider<GrpcServerFactory> servers = beans.getBeanProvider(GrpcServerFactory.class);
		ObjectProvider<GrpcChannelFactory> channelFactories = beans.getBeanProvider(GrpcChannelFactory.class);
		new GrpcCoverage(this.engine, servers, channelFactories).afterSingletonsInstantiated();
	}

}
