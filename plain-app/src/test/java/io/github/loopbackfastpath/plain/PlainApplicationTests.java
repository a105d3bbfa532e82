package io.github.loopbackfastpath.plain;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain application in a JVM without any option: every socket it opens (the Jetty
 * listener, the Reactor Netty and HttpClient 5 connections) has its native handle reached
 * through the JNI route and proved by {@code getsockname}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@EnabledOnOs(value = OS.LINUX, disabledReason = "Asserts UNSUPPORTED_PLATFORM")
class PlainApplicationTests {

	@LocalServerPort
	int port;

	@Test
	void everyOpenSocketHasAVerifiedHandleWithoutJvmOptions() throws Exception {
		assertThat(get("/self-call")).contains("\"webClient\":\"hello\"").contains("\"restClient\":\"hello\"");
		DocumentContext report = JsonPath.parse(get("/actuator/loopbackfastpath"));
		assertThat(report.read("$.platform.handleAccess", String.class)).startsWith("JNI:");
		List<Map<String, Object>> open = report.read("$.sockets[?(@.open == true)]");
		assertThat(open).extracting((socket) -> socket.get("component"))
			.contains("jetty", "reactor-netty-client", "httpclient5");
		assertThat(open).allSatisfy((socket) -> assertThat(socket).containsEntry("status", "UNSUPPORTED_PLATFORM")
			.containsEntry("handleVerified", true));
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

}
