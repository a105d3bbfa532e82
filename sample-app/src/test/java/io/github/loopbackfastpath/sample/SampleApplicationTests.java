package io.github.loopbackfastpath.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application as a user runs it: its own endpoint and the fast path report.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.grpc.server.port=0")
class SampleApplicationTests {

	@LocalServerPort
	int port;

	@Test
	void servesItsEndpointAndReportsItsListener() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<String> greeting = client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/greeting")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(greeting.body()).contains("Hello over loopback");
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/loopbackfastpath"))
				.build(), HttpResponse.BodyHandlers.ofString());
		DocumentContext report = JsonPath.parse(response.body());
		assertThat(report.read("$.enabled", Boolean.class)).isTrue();
		assertThat(report.read("$.sockets[0].component", String.class)).isEqualTo("tomcat");
		assertThat(report.read("$.platform.handleAccess", String.class)).as("no JVM option").startsWith("JNI:");
		java.util.List<Boolean> verified = report
			.read("$.sockets[?(@.open == true && @.transport == 'TCP')].handleVerified");
		assertThat(verified).isNotEmpty().containsOnly(true);
		java.util.List<String> clients = report
			.read("$.sockets[?(@.role == 'CLIENT' && @.transport == 'UNIX_DOMAIN')].component");
		assertThat(clients).as("the HTTP and gRPC calls made when the application was ready, over AF_UNIX")
			.contains("reactor-netty-client", "httpclient5", "grpc-client");
		java.util.List<String> listeners = report
			.read("$.sockets[?(@.role == 'LISTENER' && @.transport == 'TCP')].component");
		assertThat(listeners).containsExactlyInAnyOrder("tomcat", "grpc");
		java.util.List<Integer> published = report.read("$.unixDomain.published[*].port");
		assertThat(published).contains(this.port);
		java.util.List<String> publishers = report.read("$.unixDomain.published[*].component");
		assertThat(publishers).containsExactlyInAnyOrder("tomcat", "grpc");
	}

}
