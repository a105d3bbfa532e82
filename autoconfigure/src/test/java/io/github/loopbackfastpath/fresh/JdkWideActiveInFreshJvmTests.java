package io.github.loopbackfastpath.fresh;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.engine.PlatformInfo;
import io.github.loopbackfastpath.jdk.JdkFastLoopback;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a JVM that has not created a socket yet, the JDK-wide mode sets the JDK's switch in
 * time, and proves it by reading the value the JDK uses ({@code sun.nio.ch} is opened
 * here).
 */
class JdkWideActiveInFreshJvmTests {

	@Test
	void jdkWideModeIsSetBeforeTheFirstSocketAndVerified() {
		assertThat(System.getProperty(JdkFastLoopback.PROPERTY)).isNull();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("loopback.fast-path.enabled=true", "loopback.fast-path.jdk-wide=true")
			.run()) {
			assertThat(System.getProperty(JdkFastLoopback.PROPERTY)).isEqualTo("true");
			JdkFastLoopback.Outcome outcome = JdkFastLoopback.outcome();
			assertThat(outcome).isNotNull();
			assertThat(outcome.state()).isEqualTo(JdkFastLoopback.State.ACTIVE);
			PlatformInfo platform = context.getBean(FastPathEngine.class).platformInfo();
			assertThat(platform.jdkWideMode()).isEqualTo(outcome);
			assertThat(platform.jdkFastTcpLoopbackEnabled()).isTrue();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
