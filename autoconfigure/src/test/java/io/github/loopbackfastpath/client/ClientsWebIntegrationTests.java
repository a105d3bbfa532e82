package io.github.loopbackfastpath.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.test.Http;
import io.github.loopbackfastpath.test.TestApplication;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients Spring Boot builds, calling the application itself over loopback, as seen
 * on the endpoint.
 */
class ClientsWebIntegrationTests {

	/**
	 * Call the application itself with a WebClient and a RestClient, then read its
	 * report.
	 */
	DocumentContext callBothClients(WebClient.Builder webClient, RestClient.Builder restClient, int port)
			throws Exception {
		String base = "http://127.0.0.1:" + port;
		assertThat(webClient.build()
			.get()
			.uri(base + "/hello")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10))).isEqualTo("hello");
		assertThat(restClient.build().get().uri(base + "/hello").retrieve().body(String.class)).isEqualTo("hello");
		return Http.json(base + "/actuator/loopbackfastpath");
	}

	@Nested
	@EnabledOnOs(value = OS.LINUX,
			disabledReason = "UNSUPPORTED_PLATFORM, or a substitute Windows observing through Linux libc")
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "loopback.fast-path.enabled=true", "loopback.fast-path.history-size=16",
					"server.address=127.0.0.1", "management.endpoints.web.exposure.include=loopbackfastpath" })
	class WebClientAndRestClient {

		@LocalServerPort
		int port;

		@Autowired
		WebClient.Builder webClient;

		@Autowired
		RestClient.Builder restClient;

		@Autowired
		FastPathEngine fastPath;

		@Test
		void endpointListsTheClientRecordsBesideTheListener() throws Exception {
			DocumentContext report = callBothClients(this.webClient, this.restClient, this.port);
			for (String component : List.of("reactor-netty-client", "httpclient5")) {
				List<Map<String, Object>> clients = report
					.read("$.sockets[?(@.role == 'CLIENT' && @.component == '" + component + "')]");
				assertThat(clients).as(component).isNotEmpty().allSatisfy((client) -> {
					assertThat(client).containsEntry("remoteAddress", "127.0.0.1:" + this.port)
						.containsEntry("status", "UNSUPPORTED_PLATFORM")
						.containsEntry("stage", "BEFORE_CONNECT")
						.containsEntry("loopbackPeer", true);
					assertThat(client.get("handle")).isNotNull();
					if (Boolean.TRUE.equals(client.get("open"))) {
						assertThat(client).containsEntry("handleVerified", true);
					}
				});
				assertThat(clients).as(component + " pooled, so still open")
					.anySatisfy((client) -> assertThat(client).containsEntry("open", true)
						.containsEntry("handleVerified", true));
			}
			List<Map<String, Object>> listeners = report.read("$.sockets[?(@.role == 'LISTENER')]");
			assertThat(listeners).singleElement()
				.satisfies((listener) -> assertThat(listener).containsEntry("component", "tomcat")
					.containsEntry("handleVerified", true));
		}

		@Autowired
		org.springframework.boot.restclient.RestTemplateBuilder restTemplate;

		@Test
		void restTemplateSocketsGetTheFastPathToo() {
			long before = clientRecords("httpclient5");
			String body = this.restTemplate.build()
				.getForObject("http://127.0.0.1:" + this.port + "/hello", String.class);
			assertThat(body).isEqualTo("hello");
			assertThat(clientRecords("httpclient5")).isGreaterThan(before);
		}

		private long clientRecords(String component) {
			return this.fastPath.registry()
				.count(new io.github.loopbackfastpath.registry.OutcomeKind(SocketRole.CLIENT, component,
						io.github.loopbackfastpath.registry.FastPathStatus.UNSUPPORTED_PLATFORM));
		}

		@Test
		void thousandsOfConnectionsLeaveOnlyOpenSocketsAndTheHistory() {
			String url = "http://127.0.0.1:" + this.port + "/hello";
			WebClient client = this.webClient.build();
			// Records made before this test (pooled keep-alive connections of the other
			// tests) may stay open
			long lastEarlierRecord = this.fastPath.registry()
				.records()
				.stream()
				.mapToLong(SocketRecord::id)
				.max()
				.orElse(0);
			int connections = 2000;
			Long done = Flux.range(0, connections)
				.concatMap(
						(i) -> client.get().uri(url).header("Connection", "close").retrieve().bodyToMono(String.class))
				.count()
				.block(Duration.ofMinutes(2));
			assertThat(done).isEqualTo(connections);
			// The last connections close asynchronously: wait for that state, then count
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(this.fastPath.registry()
					.records()
					.stream()
					.filter((record) -> record.id() > lastEarlierRecord && record.role() == SocketRole.CLIENT
							&& record.isOpen()))
					.as("no client record of these connections leaks after its connection closed")
					.isEmpty());
			List<SocketRecord> records = this.fastPath.registry().records();
			long open = records.stream().filter(SocketRecord::isOpen).count();
			assertThat(records).hasSizeLessThanOrEqualTo((int) open + 16);
			assertThat(this.fastPath.registry().totals().values().stream().mapToLong(Long::longValue).sum())
				.isGreaterThanOrEqualTo(connections);
		}

	}

	@Nested
	@EnabledOnOs(value = OS.LINUX,
			disabledReason = "UNSUPPORTED_PLATFORM, or a substitute Windows observing through Linux libc")
	@SpringBootTest(classes = { TestApplication.class, RefusingWindows.class },
			webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "loopback.fast-path.enabled=true",
					"server.address=127.0.0.1", "management.endpoints.web.exposure.include=loopbackfastpath" })
	class WindowsThatRefuses {

		@LocalServerPort
		int port;

		@Autowired
		WebClient.Builder webClient;

		@Autowired
		RestClient.Builder restClient;

		@Test
		void everySocketIsFailedWithTheWinsockErrorEndToEnd() throws Exception {
			DocumentContext report = callBothClients(this.webClient, this.restClient, this.port);
			List<String> components = report
				.read("$.sockets[?(@.status == 'FAILED' && @.errorName == 'WSAEFAULT')].component");
			assertThat(components).contains("tomcat", "reactor-netty-client", "httpclient5");
			List<String> statuses = report.read("$.sockets[*].status");
			assertThat(statuses).containsOnly("FAILED");
		}

	}

	@org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
	static class RefusingWindows {

		@org.springframework.context.annotation.Bean
		io.github.loopbackfastpath.platform.SocketPlatform substituteWindows() {
			return io.github.loopbackfastpath.test.SubstituteWindows.answering(10014);
		}

	}

	@Nested
	@EnabledOnOs(value = OS.LINUX,
			disabledReason = "UNSUPPORTED_PLATFORM, or a substitute Windows observing through Linux libc")
	@SpringBootTest(classes = { TestApplication.class, AcceptingWindows.class },
			webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "loopback.fast-path.enabled=true",
					"server.address=127.0.0.1", "management.endpoints.web.exposure.include=loopbackfastpath" })
	class WindowsThatAccepts {

		@LocalServerPort
		int port;

		@Autowired
		WebClient.Builder webClient;

		@Autowired
		RestClient.Builder restClient;

		@Test
		void everySocketIsAppliedEndToEnd() throws Exception {
			DocumentContext report = callBothClients(this.webClient, this.restClient, this.port);
			List<String> components = report.read("$.sockets[?(@.status == 'APPLIED')].component");
			assertThat(components).contains("tomcat", "reactor-netty-client", "httpclient5");
			assertThat(report.read("$.platform.osName", String.class)).isEqualTo("Windows (substitute)");
		}

	}

	@org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
	static class AcceptingWindows {

		@org.springframework.context.annotation.Bean
		io.github.loopbackfastpath.platform.SocketPlatform substituteWindows() {
			return io.github.loopbackfastpath.test.SubstituteWindows.accepting();
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "loopback.fast-path.enabled=true", "server.address=127.0.0.1",
					"spring.http.clients.reactive.connector=jdk", "spring.http.clients.imperative.factory=jdk",
					"management.endpoints.web.exposure.include=loopbackfastpath" })
	class JdkClients {

		@LocalServerPort
		int port;

		@Autowired
		WebClient.Builder webClient;

		@Test
		void endpointSaysTheJdkClientIsNotCoveredAndWhy() throws Exception {
			String base = "http://127.0.0.1:" + this.port;
			this.webClient.build()
				.get()
				.uri(base + "/hello")
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(10));
			DocumentContext report = Http.json(base + "/actuator/loopbackfastpath");
			assertThat(report.read("$.notCovered.jdk-httpclient", String.class)).contains("no hook before connect")
				.contains("add org.apache.httpcomponents.client5:httpclient5")
				.contains("jdk.net.useFastTcpLoopback");
			List<Object> clients = report.read("$.sockets[?(@.role == 'CLIENT')]");
			assertThat(clients).isEmpty();
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
			"loopback.fast-path.enabled=true", "loopback.fast-path.client.enabled=false", "server.address=127.0.0.1" })
	class ClientsDisabled {

		@LocalServerPort
		int port;

		@Autowired
		WebClient.Builder webClient;

		@Autowired
		RestClient.Builder restClient;

		@Autowired
		FastPathEngine fastPath;

		@Test
		void clientsAreLeftUntouched() {
			String url = "http://127.0.0.1:" + this.port + "/hello";
			this.webClient.build().get().uri(url).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10));
			this.restClient.build().get().uri(url).retrieve().body(String.class);
			assertThat(this.fastPath.registry().records()).extracting(SocketRecord::role)
				.containsExactly(SocketRole.LISTENER);
			assertThat(this.fastPath.registry().notCovered()).isEmpty();
		}

	}

}
