package io.github.loopbackfastpath;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import io.github.loopbackfastpath.test.Http;
import io.github.loopbackfastpath.test.TestApplication;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs in a JVM without any JVM option (a surefire execution of its own), as a new user's
 * application does: every server and client hook reaches its real socket through the JNI
 * route, and the endpoint proves each handle with {@code getsockname}.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Asserts UNSUPPORTED_PLATFORM with handles verified through libc")
class EveryHookWithoutExportsTests {

	private static final String TOMCAT = "org.springframework.boot.tomcat.autoconfigure.";

	private static final String JETTY = "org.springframework.boot.jetty.autoconfigure.";

	private static final String PROPERTIES = "loopback.fast-path.enabled=true";

	private static final String EXPOSED = "management.endpoints.web.exposure.include=loopbackfastpath";

	void callItselfAndAssertEverySocketVerified(Application application, String... components) throws Exception {
		String base = "http://127.0.0.1:" + application.port;
		RestClient.Builder restClient = application.restClient.getIfAvailable();
		assertThat(application.webClient.build()
			.get()
			.uri(base + "/hello")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10))).isEqualTo("hello");
		if (restClient != null) {
			assertThat(restClient.build().get().uri(base + "/hello").retrieve().body(String.class)).isEqualTo("hello");
		}
		DocumentContext report = Http.json(base + "/actuator/loopbackfastpath");
		assertThat(report.read("$.platform.handleAccess", String.class)).startsWith("JNI:");
		List<Map<String, Object>> open = report.read("$.sockets[?(@.open == true)]");
		assertThat(open).extracting((socket) -> socket.get("component")).contains((Object[]) components);
		assertThat(open).allSatisfy((socket) -> assertThat(socket).containsEntry("status", "UNSUPPORTED_PLATFORM")
			.containsEntry("handleVerified", true));
	}

	/**
	 * What each application under test gets injected.
	 */
	abstract static class Application {

		@Autowired
		WebClient.Builder webClient;

		@Autowired
		ObjectProvider<RestClient.Builder> restClient;

		@LocalServerPort
		int port;

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { PROPERTIES, EXPOSED, "server.address=127.0.0.1" })
	class Tomcat extends Application {

		@Test
		void everySocketHasAVerifiedHandle() throws Exception {
			callItselfAndAssertEverySocketVerified(this, "tomcat", "reactor-netty-client", "httpclient5");
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { PROPERTIES, EXPOSED, "server.address=127.0.0.1",
					"spring.autoconfigure.exclude=" + TOMCAT + "servlet.TomcatServletWebServerAutoConfiguration,"
							+ TOMCAT + "actuate.web.server.TomcatServletManagementContextAutoConfiguration" })
	class Jetty extends Application {

		@Test
		void everySocketHasAVerifiedHandle() throws Exception {
			callItselfAndAssertEverySocketVerified(this, "jetty", "reactor-netty-client", "httpclient5");
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { PROPERTIES, EXPOSED, "server.address=127.0.0.1", "spring.main.web-application-type=reactive",
					"spring.autoconfigure.exclude=" + TOMCAT + "reactive.TomcatReactiveWebServerAutoConfiguration,"
							+ TOMCAT + "actuate.web.server.TomcatReactiveManagementContextAutoConfiguration," + JETTY
							+ "reactive.JettyReactiveWebServerAutoConfiguration," + JETTY
							+ "actuate.web.server.JettyReactiveManagementContextAutoConfiguration" })
	class ReactorNetty extends Application {

		@Test
		void everySocketHasAVerifiedHandle() throws Exception {
			callItselfAndAssertEverySocketVerified(this, "reactor-netty", "reactor-netty-client");
		}

	}

}
