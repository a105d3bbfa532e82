package io.github.loopbackfastpath.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gRPC hooks back off cleanly where gRPC is absent. On Spring Boot 4.0, which has no
 * gRPC modules, the compat build runs this against a classpath that really lacks gRPC;
 * here the classes are filtered out. Names no gRPC type, so that it compiles there.
 */
class GrpcBackOffTests {

	private static final String GRPC_NETTY = "io.grpc.netty.NettyServerBuilder";

	@Test
	void withoutGrpcTheStarterStartsWithItsOtherHooksAndNoGrpcBean() {
		boolean present = ClassUtils.isPresent(GRPC_NETTY, getClass().getClassLoader());
		if (Boolean.getBoolean("loopback.fast-path.compat")) {
			assertThat(present).as("gRPC on the Spring Boot 4.0 classpath").isFalse();
		}
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class,
					LoopbackFastPathGrpcAutoConfiguration.class, LoopbackFastPathClientAutoConfiguration.class))
			.withPropertyValues("loopback.fast-path.enabled=true");
		if (present) {
			runner = runner.withClassLoader(new FilteredClassLoader("io.grpc", "org.springframework.grpc"));
		}
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasBean("loopbackFastPathEngine");
			assertThat(context).hasBean("loopbackFastPathReactorNettyClient");
			assertThat(context).doesNotHaveBean("loopbackFastPathGrpcServer");
			assertThat(context).doesNotHaveBean("loopbackFastPathGrpcClient");
			assertThat(context).doesNotHaveBean("loopbackFastPathGrpcCoverage");
		});
	}

}
