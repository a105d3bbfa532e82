package io.github.loopbackfastpath.actuate;

import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import io.github.loopbackfastpath.platform.SocketPlatform;
import io.github.loopbackfastpath.test.Http;
import io.github.loopbackfastpath.test.SubstituteWindows;
import io.github.loopbackfastpath.test.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics and health of an application on a substitute Windows that refuses every ioctl:
 * every socket still works, health stays UP, and the meters count the outcomes.
 */
@EnabledOnOs(OS.LINUX)
@SpringBootTest(classes = { TestApplication.class, ObservabilityWebIntegrationTests.RefusingWindows.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "loopback.fast-path.enabled=true", "server.address=127.0.0.1",
				"management.endpoint.health.show-details=always",
				"management.endpoints.web.exposure.include=health,metrics,loopbackfastpath" })
class ObservabilityWebIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	WebClient.Builder webClient;

	@Test
	void refusedFastPathIsCountedAndHealthStaysUp() throws Exception {
		String base = "http://127.0.0.1:" + this.port;
		this.webClient.build()
			.get()
			.uri(base + "/hello")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		DocumentContext listeners = Http.json(base
				+ "/actuator/metrics/loopback.fastpath.sockets?tag=role:LISTENER&tag=component:tomcat&tag=status:FAILED");
		assertThat(listeners.read("$.measurements[0].value", Double.class)).isEqualTo(1.0);
		DocumentContext clients = Http.json(base
				+ "/actuator/metrics/loopback.fastpath.sockets?tag=role:CLIENT&tag=component:reactor-netty-client");
		assertThat(clients.read("$.measurements[0].value", Double.class)).isGreaterThanOrEqualTo(1.0);
		List<String> statuses = clients.read("$.availableTags[?(@.tag == 'status')].values[*]");
		assertThat(statuses).containsOnly("FAILED");
		DocumentContext open = Http.json(base + "/actuator/metrics/loopback.fastpath.sockets.open");
		assertThat(open.read("$.measurements[0].value", Double.class)).as("none under the fast path").isZero();
		DocumentContext health = Http.json(base + "/actuator/health/loopbackFastPath");
		assertThat(health.read("$.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.details.failures", Integer.class)).isGreaterThanOrEqualTo(2);
		assertThat(health.read("$.details.summary.FAILED", Integer.class)).isGreaterThanOrEqualTo(2);
		assertThat(health.read("$.details.fastPathSupported", Boolean.class)).isTrue();
		assertThat(Http.json(base + "/actuator/health").read("$.status", String.class)).isEqualTo("UP");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RefusingWindows {

		@Bean
		SocketPlatform substituteWindows() {
			return SubstituteWindows.answering(10022);
		}

	}

}
