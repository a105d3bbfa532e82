package io.github.loopbackfastpath.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application with its "reactive" profile: Reactor Netty server and client.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.grpc.server.port=0")
@ActiveProfiles("reactive")
class ReactiveSampleApplicationTests {

	@LocalServerPort
	int port;

	@Test
	void runsOnReactorNettyAndReportsItsListenerAndClient() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<String> selfCall = client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/self-call")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(selfCall.body()).contains("webClient").contains("Hello over gRPC, self");
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/loopbackfastpath"))
				.build(), HttpResponse.BodyHandlers.ofString());
		DocumentContext report = JsonPath.parse(response.body());
		List<String> components = report.read("$.sockets[*].component");
		assertThat(components).contains("reactor-netty", "reactor-netty-client", "grpc", "grpc-client");
		List<String> transports = report.read("$.sockets[?(@.component == 'reactor-netty-client')].transport");
		assertThat(transports).as("the self-calls go over the published AF_UNIX socket").contains("UNIX_DOMAIN");
	}

}
