package io.github.loopbackfastpath.plain;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain application with {@code loopback.fast-path.unix-domain.enabled=true} and
 * nothing else: its self-calls to {@code http://127.0.0.1:<port>} through WebClient and
 * RestClient go over the AF_UNIX socket Jetty publishes in the default per-user,
 * owner-only directory, and the socket file is gone after shutdown.
 */
@EnabledOnOs(value = { OS.LINUX, OS.MAC }, disabledReason = "AF_UNIX sockets of the JDK on a POSIX file system")
class PlainApplicationSameHostTests {

	@Test
	void selfCallsGoOverTheOwnerOnlyAfUnixSocketWhichIsGoneAfterShutdown() throws Exception {
		Path socket;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PlainApplication.class)
			.run("--loopback.fast-path.unix-domain.enabled=true", "--server.port=0", "--server.address=127.0.0.1")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(get(port, "/self-call")).contains("\"webClient\":\"hello\"")
				.contains("\"restClient\":\"hello\"");
			DocumentContext report = JsonPath.parse(get(port, "/actuator/loopbackfastpath"));
			Path directory = Path.of(report.read("$.unixDomain.directory", String.class));
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
			socket = directory.resolve(port + "@127.0.0.1.sock");
			assertThat(socket).exists();
			List<Map<String, Object>> clients = report.read("$.sockets[?(@.role == 'CLIENT')]");
			assertThat(clients).extracting((client) -> client.get("component"))
				.contains("reactor-netty-client", "httpclient5");
			assertThat(clients).allSatisfy((client) -> assertThat(client).containsEntry("transport", "UNIX_DOMAIN")
				.containsEntry("path", socket.toString()));
			// What a user's dashboard sees: the exchanges by transport
			String prometheus = get(port, "/actuator/prometheus");
			assertThat(series(prometheus, "http_client_requests_seconds_count", "UNIX_DOMAIN")).isNotEmpty();
			assertThat(series(prometheus, "http_server_requests_seconds_count", "UNIX_DOMAIN")).isNotEmpty();
			assertThat(series(prometheus, "http_client_requests_seconds_count", "TCP")).isEmpty();
		}
		assertThat(socket).doesNotExist();
	}

	// The series of a metric for uri="/hello" with one transport
	private static List<String> series(String prometheus, String name, String transport) {
		return prometheus.lines()
			.filter((line) -> line.startsWith(name + "{"))
			.filter((line) -> line.contains("transport=\"" + transport + "\"") && line.contains("uri=\"/hello\""))
			.toList();
	}

	private static String get(int port, String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

}
