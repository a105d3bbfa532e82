package io.github.loopbackfastpath.client.jetty;

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
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code RestClient}, {@code RestTemplate} and {@code WebClient} on Jetty's HTTP client
 * ({@code spring.http.clients.imperative.factory=jetty},
 * {@code spring.http.clients.reactive.connector=jetty}) calling a real Tomcat, Jetty and
 * Reactor Netty server: with the ioctl on, every connection is a {@code jetty-client}
 * record made before connect; with the same-host mode on, every connection goes over the
 * server's published AF_UNIX socket.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "UNSUPPORTED_PLATFORM with handles verified through libc")
class JettyClientWebIntegrationTests {

	private static final String JETTY_FACTORY = "spring.http.clients.imperative.factory=jetty";

	private static final String JETTY_CONNECTOR = "spring.http.clients.reactive.connector=jetty";

	private static final String TOMCAT = "org.springframework.boot.tomcat.autoconfigure.";

	private static final String JETTY = "org.springframework.boot.jetty.autoconfigure.";

	private static final String ON_JETTY = "spring.autoconfigure.exclude=" + TOMCAT
			+ "servlet.TomcatServletWebServerAutoConfiguration";

	private static final String ON_REACTOR_NETTY = "spring.autoconfigure.exclude=" + TOMCAT
			+ "reactive.TomcatReactiveWebServerAutoConfiguration," + JETTY
			+ "reactive.JettyReactiveWebServerAutoConfiguration";

	void assertIoctlBeforeConnect(DocumentContext report, int port, int pools) {
		List<Map<String, Object>> clients = report.read("$.sockets[?(@.component == 'jetty-client')]");
		// One connection pool per client
		assertThat(clients).hasSizeGreaterThanOrEqualTo(pools).allSatisfy((client) -> {
			assertThat(client).containsEntry("role", "CLIENT")
				.containsEntry("transport", "TCP")
				.containsEntry("stage", "BEFORE_CONNECT")
				.containsEntry("status", "UNSUPPORTED_PLATFORM")
				.containsEntry("remoteAddress", "127.0.0.1:" + port)
				.containsEntry("loopbackPeer", true);
			if (Boolean.TRUE.equals(client.get("open"))) {
				assertThat(client).containsEntry("handleVerified", true);
			}
		});
		assertThat(report.read("$.notCovered", Map.class)).doesNotContainKey("jetty-client");
	}

	void assertOverAfUnix(DocumentContext report, String directory, int port, int pools) {
		List<Map<String, Object>> clients = report.read("$.sockets[?(@.role == 'CLIENT')]");
		assertThat(clients).hasSizeGreaterThanOrEqualTo(pools)
			.allSatisfy((client) -> assertThat(client).containsEntry("component", "jetty-client")
				.containsEntry("transport", "UNIX_DOMAIN")
				.containsEntry("path", directory + "/" + port + "@127.0.0.1.sock"));
	}

	/**
	 * What every nested application has: its port and Spring Boot's client builders.
	 */
	abstract static class Clients {

		@LocalServerPort
		int port;

		@Autowired
		WebClient.Builder webClient;

		@Autowired
		RestClient.Builder restClient;

		@Autowired
		ObjectProvider<RestTemplateBuilder> restTemplate;

		DocumentContext callEveryClient() throws Exception {
			String url = "http://127.0.0.1:" + this.port + "/hello";
			assertThat(this.webClient.build()
				.get()
				.uri(url)
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(10))).isEqualTo("hello");
			assertThat(this.restClient.build().get().uri(url).retrieve().body(String.class)).isEqualTo("hello");
			// Spring Boot builds RestTemplateBuilder in servlet applications only, and
			// there
			// only are the blocking clients on Jetty (see ClientCoverage)
			this.restTemplate.ifAvailable(
					(builder) -> assertThat(builder.build().getForObject(url, String.class)).isEqualTo("hello"));
			return Http.json("http://127.0.0.1:" + this.port + "/actuator/loopbackfastpath");
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "loopback.fast-path.enabled=true", JETTY_FACTORY, JETTY_CONNECTOR,
					"server.address=127.0.0.1", "management.endpoints.web.exposure.include=loopbackfastpath" })
	class IoctlOnTomcat extends Clients {

		@Test
		void everyJettyClientConnectionGetsTheIoctlBeforeConnect() throws Exception {
			assertIoctlBeforeConnect(callEveryClient(), this.port, 3);
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { ON_JETTY, "loopback.fast-path.enabled=true", JETTY_FACTORY, JETTY_CONNECTOR,
					"server.address=127.0.0.1", "management.endpoints.web.exposure.include=loopbackfastpath" })
	class IoctlOnJetty extends Clients {

		@Test
		void everyJettyClientConnectionGetsTheIoctlBeforeConnect() throws Exception {
			assertIoctlBeforeConnect(callEveryClient(), this.port, 3);
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=reactive", ON_REACTOR_NETTY,
					"loopback.fast-path.enabled=true", JETTY_FACTORY, JETTY_CONNECTOR, "server.address=127.0.0.1",
					"management.endpoints.web.exposure.include=loopbackfastpath" })
	class IoctlOnReactorNetty extends Clients {

		@Test
		void everyJettyClientConnectionGetsTheIoctlBeforeConnect() throws Exception {
			assertIoctlBeforeConnect(callEveryClient(), this.port, 1);
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "loopback.fast-path.unix-domain.enabled=true",
					"loopback.fast-path.unix-domain.directory=/tmp/lfp-it-jetty-client-tomcat", JETTY_FACTORY,
					JETTY_CONNECTOR, "server.address=127.0.0.1",
					"management.endpoints.web.exposure.include=loopbackfastpath" })
	class SameHostOnTomcat extends Clients {

		@Test
		void everyJettyClientConnectionGoesOverAfUnix() throws Exception {
			assertOverAfUnix(callEveryClient(), "/tmp/lfp-it-jetty-client-tomcat", this.port, 3);
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { ON_JETTY, "loopback.fast-path.unix-domain.enabled=true",
					"loopback.fast-path.unix-domain.directory=/tmp/lfp-it-jetty-client-jetty", JETTY_FACTORY,
					JETTY_CONNECTOR, "server.address=127.0.0.1",
					"management.endpoints.web.exposure.include=loopbackfastpath" })
	class SameHostOnJetty extends Clients {

		@Test
		void everyJettyClientConnectionGoesOverAfUnix() throws Exception {
			assertOverAfUnix(callEveryClient(), "/tmp/lfp-it-jetty-client-jetty", this.port, 3);
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=reactive", ON_REACTOR_NETTY,
					"loopback.fast-path.unix-domain.enabled=true",
					"loopback.fast-path.unix-domain.directory=/tmp/lfp-it-jetty-client-netty", JETTY_FACTORY,
					JETTY_CONNECTOR, "server.address=127.0.0.1",
					"management.endpoints.web.exposure.include=loopbackfastpath" })
	class SameHostOnReactorNetty extends Clients {

		@Test
		void everyJettyClientConnectionGoesOverAfUnix() throws Exception {
			assertOverAfUnix(callEveryClient(), "/tmp/lfp-it-jetty-client-netty", this.port, 1);
		}

	}

}
