package io.github.loopbackfastpath.unixdomain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.jayway.jsonpath.DocumentContext;
import io.github.loopbackfastpath.report.StartupReport;
import io.github.loopbackfastpath.test.Http;
import io.github.loopbackfastpath.test.TestApplication;
import io.github.loopbackfastpath.test.UnixDomainHttp;
import io.github.loopbackfastpath.unixdomain.client.httpclient5.UnixDomainRouting;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same-host mode on every embedded server, with a management server on its own port,
 * and the clients Spring Boot builds calling the application at
 * {@code http://127.0.0.1:<port>}: real servers, real AF_UNIX sockets. Only the same-host
 * mode is on, not the ioctl.
 */
@EnabledOnOs(value = { OS.LINUX, OS.MAC }, disabledReason = "AF_UNIX sockets of the JDK on a POSIX file system")
class UnixDomainWebIntegrationTests {

	private static final String TOMCAT = "org.springframework.boot.tomcat.autoconfigure.";

	private static final String JETTY = "org.springframework.boot.jetty.autoconfigure.";

	private static final String NETTY = "org.springframework.boot.reactor.netty.autoconfigure.";

	private static final String COMMON = "loopback.fast-path.unix-domain.enabled=true";

	void assertPublishedAndServed(Path directory, int port, int managementPort, String component,
			WebClient.Builder webClient, RestClient.Builder restClient, List<String> routedClients) throws Exception {
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		for (int published : List.of(port, managementPort)) {
			assertThat(directory.resolve(published + "@127.0.0.1.sock")).exists();
		}
		assertThat(UnixDomainHttp.get(directory.resolve(port + "@127.0.0.1.sock"), "127.0.0.1:" + port, "/hello"))
			.startsWith("HTTP/1.1 200")
			.endsWith("hello");
		String base = "http://127.0.0.1:" + port;
		assertThat(webClient.build()
			.get()
			.uri(base + "/hello")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10))).isEqualTo("hello");
		assertThat(restClient.build().get().uri(base + "/hello").retrieve().body(String.class)).isEqualTo("hello");
		// Larger than the socket buffers and than what one write passes to the OS
		byte[] body = new byte[3 * 1024 * 1024];
		new Random(13).nextBytes(body);
		assertThat(webClient.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(body.length))
			.build()
			.post()
			.uri(base + "/echo")
			.bodyValue(body)
			.retrieve()
			.bodyToMono(byte[].class)
			.block(Duration.ofSeconds(30))).isEqualTo(body);
		assertThat(restClient.build().post().uri(base + "/echo").body(body).retrieve().body(byte[].class))
			.isEqualTo(body);
		DocumentContext report = Http.json("http://127.0.0.1:" + managementPort + "/actuator/loopbackfastpath");
		List<Map<String, Object>> listeners = report
			.read("$.sockets[?(@.role == 'LISTENER' && @.transport == 'UNIX_DOMAIN')]");
		assertThat(listeners).extracting((listener) -> listener.get("path"))
			.containsExactlyInAnyOrder(directory.resolve(port + "@127.0.0.1.sock").toString(),
					directory.resolve(managementPort + "@127.0.0.1.sock").toString());
		assertThat(listeners).allSatisfy((listener) -> assertThat(listener).containsEntry("component", component)
			.containsEntry("status", "NOT_APPLICABLE")
			.containsEntry("open", true));
		assertThat(listeners)
			.anySatisfy((listener) -> assertThat(((Number) listener.get("acceptedConnections"))).satisfies(
					(accepted) -> assertThat(accepted.longValue()).isGreaterThanOrEqualTo(1 + routedClients.size())));
		for (String client : routedClients) {
			List<Map<String, Object>> records = report
				.read("$.sockets[?(@.role == 'CLIENT' && @.component == '" + client + "')]");
			assertThat(records).as(client)
				.isNotEmpty()
				.allSatisfy((record) -> assertThat(record).containsEntry("transport", "UNIX_DOMAIN")
					.containsEntry("path", directory.resolve(port + "@127.0.0.1.sock").toString())
					.containsEntry("status", "NOT_APPLICABLE"));
		}
		List<Integer> publishedPorts = report.read("$.unixDomain.published[*].port");
		assertThat(publishedPorts).containsExactlyInAnyOrder(port, managementPort);
		assertThat(report.read("$.unixDomain.directory", String.class)).isEqualTo(directory.toString());
		List<Map<String, Object>> tcpListeners = report
			.read("$.sockets[?(@.role == 'LISTENER' && @.transport == 'TCP')]");
		assertThat(tcpListeners).as("the ioctl is off: its listener records say so")
			.allSatisfy((listener) -> assertThat(listener).containsEntry("status", "DISABLED"));
	}

	// HttpClient 5 routes over AF_UNIX from 5.6 on; Spring Boot 4.0 ships 5.5
	static List<String> routedClients() {
		return UnixDomainRouting.isSupported() ? List.of("reactor-netty-client", "httpclient5")
				: List.of("reactor-netty-client");
	}

	@Test
	void socketFilesAreGoneAfterShutdown(@TempDir Path temp) throws Exception {
		Path directory = temp.resolve("sockets");
		Path socket;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.properties(COMMON, "loopback.fast-path.unix-domain.directory=" + directory, "server.port=0",
					"server.address=127.0.0.1")
			.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			socket = directory.resolve(port + "@127.0.0.1.sock");
			assertThat(UnixDomainHttp.get(socket, "127.0.0.1:" + port, "/hello")).endsWith("hello");
		}
		assertThat(socket).doesNotExist();
		assertThat(directory).isEmptyDirectory();
	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { COMMON, "loopback.fast-path.unix-domain.directory=/tmp/lfp-it-tomcat",
					"server.address=127.0.0.1", "management.server.port=0", "management.server.address=127.0.0.1",
					"management.endpoints.web.exposure.include=loopbackfastpath" })
	class ServletTomcat {

		@LocalServerPort
		int port;

		@LocalManagementPort
		int managementPort;

		@Autowired
		WebClient.Builder webClient;

		@Autowired
		RestClient.Builder restClient;

		@Test
		void tomcatServesBothPortsOnAfUnixAndTheClientsUseIt() throws Exception {
			assertPublishedAndServed(Path.of("/tmp/lfp-it-tomcat"), this.port, this.managementPort, "tomcat",
					this.webClient, this.restClient, routedClients());
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { COMMON, "loopback.fast-path.unix-domain.directory=/tmp/lfp-it-reactor-factory",
					"spring.http.clients.imperative.factory=reactor", "server.address=127.0.0.1",
					"management.endpoints.web.exposure.include=loopbackfastpath" })
	class RestClientAndRestTemplateOnReactorNetty {

		@LocalServerPort
		int port;

		@Autowired
		RestClient.Builder restClient;

		@Autowired
		RestTemplateBuilder restTemplate;

		@Test
		void bothAreRoutedOverAfUnix() throws Exception {
			String url = "http://127.0.0.1:" + this.port + "/hello";
			assertThat(this.restClient.build().get().uri(url).retrieve().body(String.class)).isEqualTo("hello");
			assertThat(this.restTemplate.build().getForObject(url, String.class)).isEqualTo("hello");
			DocumentContext report = Http.json("http://127.0.0.1:" + this.port + "/actuator/loopbackfastpath");
			List<Map<String, Object>> clients = report.read("$.sockets[?(@.role == 'CLIENT')]");
			assertThat(clients).isNotEmpty()
				.allSatisfy((client) -> assertThat(client).containsEntry("component", "reactor-netty-client")
					.containsEntry("transport", "UNIX_DOMAIN")
					.containsEntry("path", "/tmp/lfp-it-reactor-factory/" + this.port + "@127.0.0.1.sock"));
			assertThat(report.read("$.notCovered", Map.class)).isEmpty();
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = {
					"spring.autoconfigure.exclude=" + TOMCAT + "servlet.TomcatServletWebServerAutoConfiguration,"
							+ TOMCAT + "actuate.web.server.TomcatServletManagementContextAutoConfiguration",
					COMMON, "loopback.fast-path.unix-domain.directory=/tmp/lfp-it-jetty", "server.address=127.0.0.1",
					"management.server.port=0", "management.server.address=127.0.0.1",
					"management.endpoints.web.exposure.include=loopbackfastpath" })
	class ServletJetty {

		@LocalServerPort
		int port;

		@LocalManagementPort
		int managementPort;

		@Autowired
		WebClient.Builder webClient;

		@Autowired
		RestClient.Builder restClient;

		@Test
		void jettyServesBothPortsOnAfUnixAndTheClientsUseIt() throws Exception {
			assertPublishedAndServed(Path.of("/tmp/lfp-it-jetty"), this.port, this.managementPort, "jetty",
					this.webClient, this.restClient, routedClients());
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=reactive",
					"spring.autoconfigure.exclude=" + TOMCAT + "reactive.TomcatReactiveWebServerAutoConfiguration,"
							+ TOMCAT + "actuate.web.server.TomcatReactiveManagementContextAutoConfiguration," + JETTY
							+ "reactive.JettyReactiveWebServerAutoConfiguration," + JETTY
							+ "actuate.web.server.JettyReactiveManagementContextAutoConfiguration",
					COMMON, "loopback.fast-path.unix-domain.directory=/tmp/lfp-it-netty", "server.address=127.0.0.1",
					"spring.http.codecs.max-in-memory-size=4MB", "management.server.port=0",
					"management.server.address=127.0.0.1",
					"management.endpoints.web.exposure.include=loopbackfastpath" })
	class ReactiveNetty {

		@LocalServerPort
		int port;

		@LocalManagementPort
		int managementPort;

		@Autowired
		WebClient.Builder webClient;

		@Autowired
		RestClient.Builder restClient;

		@Test
		void reactorNettyServesBothPortsOnAfUnixAndTheClientsUseIt() throws Exception {
			assertPublishedAndServed(Path.of("/tmp/lfp-it-netty"), this.port, this.managementPort, "reactor-netty",
					this.webClient, this.restClient, List.of("reactor-netty-client"));
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { COMMON, "loopback.fast-path.unix-domain.directory=/tmp/lfp-it-jdk-client",
					"spring.http.clients.imperative.factory=jdk", "spring.http.clients.reactive.connector=jdk",
					"server.address=127.0.0.1", "management.endpoints.web.exposure.include=loopbackfastpath" })
	class JdkClientStaysOnTcp {

		@LocalServerPort
		int port;

		@Autowired
		RestClient.Builder restClient;

		@Autowired
		StartupReport report;

		@Test
		void theEndpointAndTheStartUpLineNameItWithTheWayOut() throws Exception {
			String base = "http://127.0.0.1:" + this.port;
			assertThat(this.restClient.build().get().uri(base + "/hello").retrieve().body(String.class))
				.isEqualTo("hello");
			DocumentContext report = Http.json(base + "/actuator/loopbackfastpath");
			assertThat(report.read("$.notCovered.jdk-httpclient", String.class)).contains("has no AF_UNIX")
				.contains("add org.apache.httpcomponents.client5:httpclient5");
			List<Object> clients = report.read("$.sockets[?(@.role == 'CLIENT')]");
			assertThat(clients).isEmpty();
			assertThat(this.report.summary()).contains("same-host mode: published in ")
				.contains("; not covered: jdk-httpclient (for the JDK's HttpClient add httpclient5");
		}

	}

}
