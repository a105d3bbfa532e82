package io.github.loopbackfastpath.fresh;

import java.nio.channels.ServerSocketChannel;

import io.github.loopbackfastpath.jdk.JdkFastLoopback;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When something created a socket before Spring Boot read its configuration, the JDK had
 * already read its switch: the JDK-wide mode says it was too late, and how to fix it.
 */
class JdkWideTooLateInFreshJvmTests {

	@Test
	void jdkWideModeSetAfterTheFirstSocketIsReportedTooLate() throws Exception {
		try (ServerSocketChannel early = ServerSocketChannel.open()) {
			assertThat(early.isOpen()).isTrue();
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
				JdkWideActiveInFreshJvmTests.Application.class)
			.web(WebApplicationType.NONE)
			.properties("loopback.fast-path.enabled=true", "loopback.fast-path.jdk-wide=true")
			.run()) {
			assertThat(System.getProperty(JdkFastLoopback.PROPERTY)).isEqualTo("true");
			JdkFastLoopback.Outcome outcome = JdkFastLoopback.outcome();
			assertThat(outcome.state()).isEqualTo(JdkFastLoopback.State.TOO_LATE);
			assertThat(outcome.detail()).contains("too late").contains("-Djdk.net.useFastTcpLoopback=true");
		}
	}

}
