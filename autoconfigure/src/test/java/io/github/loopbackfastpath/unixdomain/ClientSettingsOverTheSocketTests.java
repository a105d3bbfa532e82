package io.github.loopbackfastpath.unixdomain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the application configured for its HTTP clients holds over the published socket as
 * over TCP: Spring Boot's {@code spring.http.clients.read-timeout},
 * {@code spring.http.clients.redirects} and {@code spring.http.clients.cookie-handling},
 * on every client the mode routes. Each application runs twice, the same-host mode off
 * (TCP) and on; every call has the same outcome, and with the mode on it went over the
 * socket.
 */
@EnabledOnOs(value = { OS.LINUX, OS.MAC }, disabledReason = "AF_UNIX sockets of the JDK on a POSIX file system")
class ClientSettingsOverTheSocketTests {

	private static final List<String> TIMEOUT_NO_REDIRECTS_COOKIES = List.of("--spring.http.clients.read-timeout=500ms",
			"--spring.http.clients.redirects=dont-follow",
			"--spring.http.clients.cookie-handling=enable-when-possible");

	private static final List<String> REDIRECTS_NO_COOKIES = List.of("--spring.http.clients.redirects=follow",
			"--spring.http.clients.cookie-handling=disable");

	@TempDir
	Path temp;

	@ParameterizedTest
	@EnumSource(Client.class)
	void everySettingHoldsOverTheSocketAsOverTcp(Client client) {
		for (List<String> settings : List.of(TIMEOUT_NO_REDIRECTS_COOKIES, REDIRECTS_NO_COOKIES)) {
			Map<String, String> overTcp = outcomes(client, settings, false);
			Map<String, String> overSocket = outcomes(client, settings, true);
			assertThat(overSocket).as("%s with %s", client, settings).isEqualTo(overTcp);
			if (settings == TIMEOUT_NO_REDIRECTS_COOKIES) {
				assertThat(overTcp).containsEntry("slow", "failed").containsEntry("redirect", "302 ");
			}
			else {
				assertThat(overTcp).containsEntry("redirect", "200 hello").containsEntry("cookie", "200 none");
			}
		}
	}

	private Map<String, String> outcomes(Client client, List<String> settings, boolean sameHost) {
		// Immediate: the slow requests the clients gave up on need not hold up each stop
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--server.shutdown=immediate", "--loopback.fast-path.unix-domain.enabled=" + sameHost,
				"--loopback.fast-path.unix-domain.directory=" + this.temp.resolve("sockets"), client.property));
		arguments.addAll(settings);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SettingsApplication.class)
			.run(arguments.toArray(String[]::new))) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			SettingsApplication application = context.getBean(SettingsApplication.class);
			String base = "http://127.0.0.1:" + port;
			Map<String, String> outcomes = new LinkedHashMap<>();
			for (String path : List.of("hello", "slow", "redirect", "set-cookie", "cookie")) {
				outcomes.put(path, application.call(client, base + "/" + path));
			}
			if (sameHost) {
				assertThat(context.getBean(SocketPublisher.class).published().get(port).acceptedConnections())
					.as("over the socket")
					.isPositive();
			}
			return outcomes;
		}
	}

	enum Client {

		RESTCLIENT_ON_HTTPCLIENT5("--spring.http.clients.imperative.factory=http-components"),

		RESTCLIENT_ON_JETTY("--spring.http.clients.imperative.factory=jetty"),

		WEBCLIENT_ON_REACTOR_NETTY("--spring.http.clients.reactive.connector=reactor"),

		WEBCLIENT_ON_JETTY("--spring.http.clients.reactive.connector=jetty");

		private final String property;

		Client(String property) {
			this.property = property;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class SettingsApplication {

		private final RestClient restClient;

		private final WebClient webClient;

		SettingsApplication(RestClient.Builder restClient, WebClient.Builder webClient) {
			this.restClient = restClient.build();
			this.webClient = webClient.build();
		}

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@GetMapping("/slow")
		String slow() throws InterruptedException {
			Thread.sleep(1500);
			return "slow";
		}

		@GetMapping("/redirect")
		void redirect(HttpServletResponse response) {
			response.setStatus(302);
			response.setHeader("Location", "/hello");
		}

		@GetMapping("/set-cookie")
		void setCookie(HttpServletResponse response) {
			response.addHeader("Set-Cookie", "lfp=1; Path=/");
		}

		@GetMapping("/cookie")
		String cookie(@CookieValue(name = "lfp", defaultValue = "none") String value) {
			return value;
		}

		// The status and the body, or that it failed
		String call(Client client, String url) {
			try {
				ResponseEntity<String> response = (client.name().startsWith("RESTCLIENT"))
						? this.restClient.get().uri(url).retrieve().toEntity(String.class)
						: this.webClient.get().uri(url).retrieve().toEntity(String.class).block();
				response = Objects.requireNonNull(response);
				return response.getStatusCode().value() + " " + Objects.toString(response.getBody(), "");
			}
			catch (RuntimeException ex) {
				return Stream.iterate((Throwable) ex, Objects::nonNull, Throwable::getCause)
					.anyMatch((cause) -> cause.getClass()
						.getSimpleName()
						.toLowerCase(java.util.Locale.ROOT)
						.contains("timeout")) ? "failed" : "failed: " + ex;
			}
		}

	}

}
