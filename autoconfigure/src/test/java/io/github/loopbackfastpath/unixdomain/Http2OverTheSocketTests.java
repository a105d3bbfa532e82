package io.github.loopbackfastpath.unixdomain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.loopbackfastpath.unixdomain.server.PublishedSocket;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.netty.http.HttpProtocol;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every protocol of the TCP listener is served on its socket: with
 * {@code server.http2.enabled}, Tomcat, Jetty and Reactor Netty answer h2c on the
 * published socket as on TCP, with prior knowledge and by upgrade ({@code curl}), and a
 * Reactor Netty client configured for h2c is routed there and answered with HTTP/2.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "curl --unix-socket")
class Http2OverTheSocketTests {

	private static final String TOMCAT = "org.springframework.boot.tomcat.autoconfigure.";

	private static final String JETTY = "org.springframework.boot.jetty.autoconfigure.";

	@TempDir
	Path temp;

	@ParameterizedTest
	@EnumSource(Server.class)
	void theSocketSpeaksHttp2AsTheTcpListenerDoes(Server server) throws Exception {
		try (ConfigurableApplicationContext context = start(server.application, server.arguments)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String socket = this.temp.resolve("sockets").resolve(port + "@127.0.0.1.sock").toString();
			String tcp = "http://127.0.0.1:" + port + "/hello";
			assertThat(curl("--http2-prior-knowledge", tcp)).as("TCP, prior knowledge").isEqualTo("hello 2");
			assertThat(curl("--http2-prior-knowledge", "--unix-socket", socket, tcp)).as("socket, prior knowledge")
				.isEqualTo("hello 2");
			assertThat(curl("--http2", tcp)).as("TCP, upgrade").isEqualTo("hello 2");
			assertThat(curl("--http2", "--unix-socket", socket, tcp)).as("socket, upgrade").isEqualTo("hello 2");
			assertThat(curl("--http1.1", "--unix-socket", socket, tcp)).as("socket, HTTP/1.1").isEqualTo("hello 1.1");
		}
	}

	@Test
	void aReactorNettyClientConfiguredForH2cIsRoutedAndAnsweredWithHttp2() {
		try (ConfigurableApplicationContext context = start(Tomcat.class, List.of())) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			PublishedSocket socket = context.getBean(SocketPublisher.class).published().get(port);
			String protocol = context.getBean(WebClient.Builder.class)
				.build()
				.get()
				.uri("http://127.0.0.1:" + port + "/protocol")
				.retrieve()
				.bodyToMono(String.class)
				.block();
			assertThat(protocol).isEqualTo("HTTP/2.0");
			assertThat(socket.acceptedConnections()).isPositive();
		}
	}

	private ConfigurableApplicationContext start(Class<?> application, List<String> arguments) {
		List<String> all = new ArrayList<>(List.of("--server.http2.enabled=true", "--server.port=0",
				"--server.address=127.0.0.1", "--loopback.fast-path.unix-domain.enabled=true",
				"--loopback.fast-path.unix-domain.directory=" + this.temp.resolve("sockets")));
		all.addAll(arguments);
		return new SpringApplicationBuilder(application).run(all.toArray(String[]::new));
	}

	// The body and the HTTP version curl used
	private static String curl(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "30", "-w", " %{http_version}"));
		command.addAll(List.of(arguments));
		Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return output;
	}

	enum Server {

		TOMCAT_SERVER(Tomcat.class),

		JETTY_SERVER(Tomcat.class,
				"--spring.autoconfigure.exclude=" + TOMCAT + "servlet.TomcatServletWebServerAutoConfiguration"),

		REACTOR_NETTY_SERVER(SelfCallingApplications.Reactive.class, "--spring.main.web-application-type=reactive",
				"--spring.autoconfigure.exclude=" + TOMCAT + "reactive.TomcatReactiveWebServerAutoConfiguration,"
						+ JETTY + "reactive.JettyReactiveWebServerAutoConfiguration");

		private final Class<?> application;

		private final List<String> arguments;

		Server(Class<?> application, String... arguments) {
			this.application = application;
			this.arguments = List.of(arguments);
		}

	}

	/**
	 * A servlet application (Tomcat, or Jetty without Tomcat) that says which protocol a
	 * request came with, and whose WebClient speaks h2c as the application configured it.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class Tomcat {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@GetMapping("/protocol")
		String protocol(HttpServletRequest request) {
			return request.getProtocol();
		}

		@Bean
		ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> h2c() {
			return (builder) -> builder.withHttpClientCustomizer((client) -> client.protocol(HttpProtocol.H2C));
		}

	}

}
