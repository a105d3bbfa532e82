package io.github.loopbackfastpath.actuate;

import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import io.github.loopbackfastpath.test.Http;
import io.github.loopbackfastpath.test.TestApplication;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint read over HTTP from a real application on a random port, on this OS.
 */
@EnabledOnOs(OS.LINUX)
class LoopbackFastPathEndpointWebIntegrationTests {

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "loopback.fast-path.enabled=true", "server.address=127.0.0.1",
					"management.endpoints.web.exposure.include=loopbackfastpath,health" })
	class SamePort {

		@LocalServerPort
		int port;

		@Test
		void listsTheTomcatListenerWithAVerifiedHandle() throws Exception {
			assertThat(Http.get("http://127.0.0.1:" + this.port + "/hello").body()).isEqualTo("hello");
			DocumentContext report = Http.json("http://127.0.0.1:" + this.port + "/actuator/loopbackfastpath");
			assertThat(report.read("$.enabled", Boolean.class)).isTrue();
			assertThat(report.read("$.platform.osName", String.class)).isEqualTo("Linux");
			assertThat(report.read("$.platform.fastPathSupported", Boolean.class)).isFalse();
			assertThat(report.read("$.platform.handleAccess", String.class)).contains("getFDVal");
			assertThat(report.read("$.summary.UNSUPPORTED_PLATFORM", Integer.class)).isEqualTo(1);
			List<Map<String, Object>> sockets = report.read("$.sockets");
			assertThat(sockets).singleElement().satisfies((socket) -> {
				assertThat(socket).containsEntry("role", "LISTENER")
					.containsEntry("component", "tomcat")
					.containsEntry("localAddress", "127.0.0.1:" + this.port)
					.containsEntry("status", "UNSUPPORTED_PLATFORM")
					.containsEntry("stage", "BEFORE_ACCEPT")
					.containsEntry("handleVerified", true)
					.containsEntry("open", true);
				assertThat(socket.get("handle")).isNotNull();
				assertThat(((Number) socket.get("acceptedConnections")).longValue()).isGreaterThanOrEqualTo(1);
			});
		}

		@Test
		void servesOneRecordByIdAnd404ForAnUnknownOne() throws Exception {
			String base = "http://127.0.0.1:" + this.port + "/actuator/loopbackfastpath";
			int id = Http.json(base).read("$.sockets[0].id", Integer.class);
			assertThat(Http.json(base + "/" + id).read("$.component", String.class)).isEqualTo("tomcat");
			assertThat(Http.get(base + "/999999").statusCode()).isEqualTo(404);
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "loopback.fast-path.enabled=true", "server.address=127.0.0.1", "management.server.port=0",
					"management.server.address=127.0.0.1",
					"management.endpoints.web.exposure.include=loopbackfastpath" })
	class ManagementPort {

		@LocalServerPort
		int port;

		@LocalManagementPort
		int managementPort;

		@Test
		void listsBothListeners() throws Exception {
			assertThat(this.managementPort).isNotEqualTo(this.port);
			DocumentContext report = Http
				.json("http://127.0.0.1:" + this.managementPort + "/actuator/loopbackfastpath");
			List<String> addresses = report.read("$.sockets[?(@.role == 'LISTENER')].localAddress");
			assertThat(addresses).containsExactlyInAnyOrder("127.0.0.1:" + this.port,
					"127.0.0.1:" + this.managementPort);
			List<Boolean> verified = report.read("$.sockets[*].handleVerified");
			assertThat(verified).containsOnly(true);
			List<String> components = report.read("$.sockets[*].component");
			assertThat(components).containsOnly("tomcat");
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "server.address=127.0.0.1" })
	class NotExposed {

		@LocalServerPort
		int port;

		@Test
		void isNotReachableOverHttpUnlessExposed() throws Exception {
			assertThat(Http.get("http://127.0.0.1:" + this.port + "/actuator/loopbackfastpath").statusCode())
				.isEqualTo(404);
		}

	}

}
