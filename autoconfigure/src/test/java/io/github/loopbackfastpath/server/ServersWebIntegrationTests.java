package io.github.loopbackfastpath.server;

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
 * Every embedded web server Spring Boot 4 supports, with a management server on its own
 * port, read over HTTP. This module has every server on its test classpath; each test
 * keeps one by excluding the others' auto-configuration, as an application with one
 * server has.
 */
class ServersWebIntegrationTests {

	private static final String TOMCAT = "org.springframework.boot.tomcat.autoconfigure.";

	private static final String JETTY = "org.springframework.boot.jetty.autoconfigure.";

	private static final String NETTY = "org.springframework.boot.reactor.netty.autoconfigure.";

	void assertBothListeners(int port, int managementPort, String component) throws Exception {
		assertThat(Http.get("http://127.0.0.1:" + port + "/hello").body()).isEqualTo("hello");
		DocumentContext report = Http.json("http://127.0.0.1:" + managementPort + "/actuator/loopbackfastpath");
		List<Map<String, Object>> listeners = report.read("$.sockets[?(@.role == 'LISTENER')]");
		assertThat(listeners).extracting((listener) -> listener.get("localAddress"))
			.containsExactlyInAnyOrder("127.0.0.1:" + port, "127.0.0.1:" + managementPort);
		assertThat(listeners).allSatisfy((listener) -> {
			assertThat(listener).containsEntry("component", component)
				.containsEntry("status", "UNSUPPORTED_PLATFORM")
				.containsEntry("handleVerified", true)
				.containsEntry("open", true);
			assertThat(listener.get("handle")).isNotNull();
			assertThat(((Number) listener.get("acceptedConnections")).longValue()).isGreaterThanOrEqualTo(1);
		});
	}

	@Nested
	@EnabledOnOs(value = OS.LINUX,
			disabledReason = "Asserts UNSUPPORTED_PLATFORM with handles verified through Linux libc")
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
			"spring.autoconfigure.exclude=" + TOMCAT + "servlet.TomcatServletWebServerAutoConfiguration," + TOMCAT
					+ "actuate.web.server.TomcatServletManagementContextAutoConfiguration",
			"loopback.fast-path.enabled=true", "server.address=127.0.0.1", "management.server.port=0",
			"management.server.address=127.0.0.1", "management.endpoints.web.exposure.include=loopbackfastpath" })
	class ServletJetty {

		@LocalServerPort
		int port;

		@LocalManagementPort
		int managementPort;

		@Test
		void bothJettyListenersHaveTheFastPathRequestedBeforeBind() throws Exception {
			assertBothListeners(this.port, this.managementPort, "jetty");
			List<String> stages = Http.json("http://127.0.0.1:" + this.managementPort + "/actuator/loopbackfastpath")
				.read("$.sockets[*].stage");
			assertThat(stages).containsOnly("BEFORE_BIND");
		}

	}

	@Nested
	@EnabledOnOs(value = OS.LINUX,
			disabledReason = "Asserts UNSUPPORTED_PLATFORM with handles verified through Linux libc")
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=reactive",
					"spring.autoconfigure.exclude=" + TOMCAT + "reactive.TomcatReactiveWebServerAutoConfiguration,"
							+ TOMCAT + "actuate.web.server.TomcatReactiveManagementContextAutoConfiguration," + JETTY
							+ "reactive.JettyReactiveWebServerAutoConfiguration," + JETTY
							+ "actuate.web.server.JettyReactiveManagementContextAutoConfiguration",
					"loopback.fast-path.enabled=true", "server.address=127.0.0.1", "management.server.port=0",
					"management.server.address=127.0.0.1",
					"management.endpoints.web.exposure.include=loopbackfastpath" })
	class ReactiveNetty {

		@LocalServerPort
		int port;

		@LocalManagementPort
		int managementPort;

		@Test
		void bothNettyListenersHaveTheFastPathRequestedBeforeBind() throws Exception {
			assertBothListeners(this.port, this.managementPort, "reactor-netty");
			DocumentContext report = Http
				.json("http://127.0.0.1:" + this.managementPort + "/actuator/loopbackfastpath");
			List<String> stages = report.read("$.sockets[?(@.role == 'LISTENER')].stage");
			assertThat(stages).containsOnly("BEFORE_BIND");
			assertThat(report.read("$.notCovered.rest-client", String.class)).as("RestClient in a reactive application")
				.contains("reactive application");
		}

	}

	@Nested
	@EnabledOnOs(value = OS.LINUX,
			disabledReason = "Asserts UNSUPPORTED_PLATFORM with handles verified through Linux libc")
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=reactive",
					"spring.autoconfigure.exclude=" + NETTY + "NettyReactiveWebServerAutoConfiguration," + NETTY
							+ "actuate.web.server.NettyReactiveManagementContextAutoConfiguration," + JETTY
							+ "reactive.JettyReactiveWebServerAutoConfiguration," + JETTY
							+ "actuate.web.server.JettyReactiveManagementContextAutoConfiguration",
					"loopback.fast-path.enabled=true", "server.address=127.0.0.1", "management.server.port=0",
					"management.server.address=127.0.0.1",
					"management.endpoints.web.exposure.include=loopbackfastpath" })
	class ReactiveTomcat {

		@LocalServerPort
		int port;

		@LocalManagementPort
		int managementPort;

		@Test
		void bothTomcatListenersHaveTheFastPathRequestedBeforeAccept() throws Exception {
			assertBothListeners(this.port, this.managementPort, "tomcat");
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "loopback.fast-path.enabled=true", "loopback.fast-path.server.enabled=false",
					"server.address=127.0.0.1", "management.endpoints.web.exposure.include=loopbackfastpath" })
	class ServerDisabled {

		@LocalServerPort
		int port;

		@Test
		void listenerIsRecordedAsDisabledAndLeftAlone() throws Exception {
			DocumentContext report = Http.json("http://127.0.0.1:" + this.port + "/actuator/loopbackfastpath");
			List<Map<String, Object>> listeners = report.read("$.sockets[?(@.role == 'LISTENER')]");
			assertThat(listeners).singleElement().satisfies((listener) -> {
				assertThat(listener).containsEntry("status", "DISABLED")
					.containsEntry("localAddress", "0.0.0.0:" + this.port);
				assertThat(listener.get("handle")).isNull();
				assertThat((String) listener.get("message")).contains("loopback.fast-path.server.enabled");
			});
		}

	}

	@Nested
	@EnabledOnOs(value = OS.LINUX,
			disabledReason = "Asserts UNSUPPORTED_PLATFORM with handles verified through Linux libc")
	@SpringBootTest(classes = { TestApplication.class, AdditionalTomcatConnector.class },
			webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "loopback.fast-path.enabled=true",
					"server.address=127.0.0.1", "management.endpoints.web.exposure.include=loopbackfastpath" })
	class TomcatWithAnAdditionalConnector {

		@LocalServerPort
		int port;

		@Test
		void additionalConnectorIsListedAsSkippedWithTheReason() throws Exception {
			DocumentContext report = Http.json("http://127.0.0.1:" + this.port + "/actuator/loopbackfastpath");
			List<Map<String, Object>> skipped = report.read("$.sockets[?(@.status == 'SKIPPED')]");
			assertThat(skipped).singleElement().satisfies((listener) -> {
				assertThat(listener).containsEntry("role", "LISTENER").containsEntry("component", "tomcat");
				assertThat((String) listener.get("message")).contains("added a connector")
					.contains("Http11Nio2Protocol");
				assertThat((String) listener.get("localAddress")).doesNotEndWith(":0");
			});
			List<String> hooked = report.read("$.sockets[?(@.status == 'UNSUPPORTED_PLATFORM')].localAddress");
			assertThat(hooked).containsExactly("127.0.0.1:" + this.port);
		}

	}

	@org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
	static class AdditionalTomcatConnector {

		@org.springframework.context.annotation.Bean
		org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory> additionalConnector() {
			return (factory) -> {
				org.apache.catalina.connector.Connector connector = new org.apache.catalina.connector.Connector(
						"org.apache.coyote.http11.Http11Nio2Protocol");
				connector.setPort(0);
				factory.addAdditionalConnectors(connector);
			};
		}

	}

}
