package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.grpc.GrpcClientFastPath;
import io.github.loopbackfastpath.grpc.GrpcCoverage;
import io.github.loopbackfastpath.grpc.GrpcListenerCheck;
import io.github.loopbackfastpath.grpc.GrpcRuntimeHints;
import io.github.loopbackfastpath.grpc.GrpcServerFastPath;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.annotation.AnnotationUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoopbackFastPathGrpcAutoConfiguration}.
 */
class LoopbackFastPathGrpcAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class,
				LoopbackFastPathGrpcAutoConfiguration.class))
		.withPropertyValues("loopback.fast-path.enabled=true");

	@Test
	void hooksServersAndChannels() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(GrpcServerFastPath.class);
			assertThat(context).hasSingleBean(GrpcClientFastPath.class);
			assertThat(context).hasSingleBean(GrpcCoverage.class);
			assertThat(context).hasSingleBean(GrpcListenerCheck.class);
		});
	}

	@Test
	void backsOffWhenDisabledOrWithoutTheEngine() {
		this.runner.withPropertyValues("loopback.fast-path.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GrpcServerFastPath.class));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LoopbackFastPathGrpcAutoConfiguration.class))
			.withPropertyValues("loopback.fast-path.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(GrpcServerFastPath.class));
	}

	@Test
	void eachRoleFollowsItsProperty() {
		this.runner.withPropertyValues("loopback.fast-path.server.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(GrpcServerFastPath.class);
			assertThat(context).hasSingleBean(GrpcClientFastPath.class);
			assertThat(context).hasSingleBean(GrpcListenerCheck.class);
		});
		this.runner.withPropertyValues("loopback.fast-path.client.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(GrpcServerFastPath.class);
			assertThat(context).doesNotHaveBean(GrpcClientFastPath.class);
		});
	}

	@Test
	void backsOffWithoutGrpcNetty() {
		this.runner.withClassLoader(new FilteredClassLoader(NettyServerBuilder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(GrpcCoverage.class));
		this.runner.withClassLoader(new FilteredClassLoader(NettyChannelBuilder.class)).run((context) -> {
			assertThat(context).hasSingleBean(GrpcServerFastPath.class);
			assertThat(context).doesNotHaveBean(GrpcClientFastPath.class);
		});
	}

	@Test
	void applicationBeansWin() {
		this.runner.withUserConfiguration(ApplicationHooks.class).run((context) -> {
			assertThat(context).getBean(GrpcServerFastPath.class).isSameAs(context.getBean("applicationGrpcServer"));
			assertThat(context).getBean(GrpcClientFastPath.class).isSameAs(context.getBean("applicationGrpcClient"));
		});
	}

	@Test
	void registersTheRuntimeHintsOfGrpcNetty() throws NoSuchMethodException {
		assertThat(AnnotationUtils.findAnnotation(LoopbackFastPathGrpcAutoConfiguration.class, ImportRuntimeHints.class)
			.value()).containsExactly(GrpcRuntimeHints.class);
		RuntimeHints hints = new RuntimeHints();
		new GrpcRuntimeHints().registerHints(hints, getClass().getClassLoader());
		for (String field : new String[] { "channelFactory", "bossEventLoopGroupPool", "workerEventLoopGroupPool",
				"DEFAULT_BOSS_EVENT_LOOP_GROUP_POOL", "DEFAULT_WORKER_EVENT_LOOP_GROUP_POOL" }) {
			assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(NettyServerBuilder.class, field))
				.accepts(hints);
		}
		for (String field : new String[] { "channelFactory", "eventLoopGroupPool", "DEFAULT_EVENT_LOOP_GROUP_POOL" }) {
			assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(NettyChannelBuilder.class, field))
				.accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(NettyChannelBuilder.class.getDeclaredMethod("getDefaultPort"))).accepts(hints);
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationHooks {

		@Bean
		GrpcServerFastPath applicationGrpcServer(LoopbackFastPath fastPath) {
			return new GrpcServerFastPath(fastPath);
		}

		@Bean
		GrpcClientFastPath applicationGrpcClient(LoopbackFastPath fastPath) {
			return new GrpcClientFastPath(fastPath);
		}

	}

}
