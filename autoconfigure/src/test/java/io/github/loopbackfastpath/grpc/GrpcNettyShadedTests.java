package io.github.loopbackfastpath.grpc;

import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import io.github.loopbackfastpath.test.EchoGrpc;
import io.github.loopbackfastpath.test.Http;
import io.github.loopbackfastpath.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs in a surefire execution of its own, with {@code grpc-netty-shaded} on the
 * classpath, which Spring Boot then prefers for its gRPC server: its relocated Netty is
 * not hooked, and the endpoint says so, names the way out, and records the listener as
 * skipped.
 */
@SpringBootTest(classes = { TestApplication.class, GrpcNettyShadedTests.EchoService.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "loopback.fast-path.enabled=true", "server.address=127.0.0.1", "spring.grpc.server.port=0",
				"management.endpoints.web.exposure.include=loopbackfastpath" })
class GrpcNettyShadedTests {

	@LocalServerPort
	int port;

	@Test
	void shadedGrpcIsNamedUnderNotCoveredAndItsListenerIsSkipped() throws Exception {
		DocumentContext report = Http.json("http://127.0.0.1:" + this.port + "/actuator/loopbackfastpath");
		assertThat(report.read("$.notCovered.grpc-netty-shaded", String.class)).contains("relocates Netty")
			.contains("Use grpc-netty");
		List<Map<String, Object>> grpc = report.read("$.sockets[?(@.component == 'grpc')]");
		assertThat(grpc).singleElement().satisfies((listener) -> {
			assertThat(listener).containsEntry("role", "LISTENER").containsEntry("status", "SKIPPED");
			assertThat((String) listener.get("message")).contains("No hook of this starter reached the gRPC server");
		});
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class EchoService {

		@Bean
		EchoGrpc echoGrpc() {
			return new EchoGrpc();
		}

	}

}
