package io.github.loopbackfastpath.plain;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A servlet application on Jetty that calls itself with a {@link WebClient} (Reactor
 * Netty) and a {@link RestClient} (Apache HttpClient 5), written as a new user writes
 * one: the starter, {@code loopback.fast-path.enabled=true}, and nothing else.
 *
 * @author Loopback Fast Path contributors
 */
@SpringBootApplication
@RestController
public class PlainApplication {

	private final WebClient webClient;

	private final RestClient restClient;

	private final WebServerApplicationContext context;

	PlainApplication(WebClient.Builder webClient, RestClient.Builder restClient, WebServerApplicationContext context) {
		this.webClient = webClient.build();
		this.restClient = restClient.build();
		this.context = context;
	}

	public static void main(String[] args) {
		SpringApplication.run(PlainApplication.class, args);
	}

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

	@GetMapping("/instance")
	String instance(@Value("${spring.application.name:plain}") String name) {
		return name;
	}

	@GetMapping("/call")
	Map<String, String> call(@RequestParam int port, @RequestParam(defaultValue = "/instance") String path) {
		String url = "http://127.0.0.1:" + port + path;
		Map<String, String> answers = new LinkedHashMap<>();
		try {
			answers.put("webClient",
					this.webClient.get().uri(url).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(30)));
		}
		catch (RuntimeException ex) {
			answers.put("webClient", "error: " + ex);
		}
		try {
			answers.put("restClient", this.restClient.get().uri(url).retrieve().body(String.class));
		}
		catch (RuntimeException ex) {
			answers.put("restClient", "error: " + ex);
		}
		return answers;
	}

	@EventListener(ApplicationReadyEvent.class)
	void callItselfOnceReady() {
		selfCall();
	}

	@GetMapping("/self-call")
	Map<String, String> selfCall() {
		// A server that listens on its AF_UNIX socket only has no TCP port: its
		// configured
		// port, which names the socket, is where its own calls go
		int port = this.context.getWebServer().getPort();
		if (port <= 0) {
			port = this.context.getEnvironment().getRequiredProperty("server.port", Integer.class);
		}
		String url = "http://127.0.0.1:" + port + "/hello";
		String viaWebClient = this.webClient.get()
			.uri(url)
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(30));
		String viaRestClient = this.restClient.get().uri(url).retrieve().body(String.class);
		return Map.of("webClient", String.valueOf(viaWebClient), "restClient", String.valueOf(viaRestClient));
	}

}
