package io.github.loopbackfastpath.unixdomain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;
import io.github.loopbackfastpath.unixdomain.server.PublishedSocket;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request that came over a published socket carries the identity of the process
 * that connected, as the kernel recorded it; one over TCP carries none. {@code curl}
 * calls each server the way users turn it on ({@code server.http2.enabled}, servlet and
 * WebFlux), over HTTP/1.1 and h2c, with the ioctl off and on; the application reads the
 * request attribute (servlet) or the exchange attribute (WebFlux), and the endpoint
 * counts the connections by user. Here the peer is this JVM's own user and {@code curl}'s
 * process; other users are the deployment tests' (plain-app).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "curl --unix-socket, SO_PEERCRED with the process id")
class PeerIdentityTests {

	private static final String TOMCAT = "org.springframework.boot.tomcat.autoconfigure.";

	private static final String JETTY = "org.springframework.boot.jetty.autoconfigure.";

	private static final List<String> TOMCAT_SERVLET = List.of();

	private static final List<String> JETTY_SERVLET = List
		.of("--spring.autoconfigure.exclude=" + TOMCAT + "servlet.TomcatServletWebServerAutoConfiguration");

	private static final List<String> TOMCAT_REACTIVE = List.of("--spring.main.web-application-type=reactive",
			"--spring.autoconfigure.exclude=org.springframework.boot.reactor.netty.autoconfigure."
					+ "NettyReactiveWebServerAutoConfiguration," + JETTY
					+ "reactive.JettyReactiveWebServerAutoConfiguration");

	private static final List<String> REACTOR_NETTY = List.of("--spring.main.web-application-type=reactive",
			"--spring.autoconfigure.exclude=" + TOMCAT + "reactive.TomcatReactiveWebServerAutoConfiguration," + JETTY
					+ "reactive.JettyReactiveWebServerAutoConfiguration");

	@TempDir
	Path temp;

	static List<Arguments> servers() {
		List<Arguments> servers = new ArrayList<>();
		for (boolean ioctl : List.of(false, true)) {
			servers.add(Arguments.of("tomcat", ServletApplication.class, TOMCAT_SERVLET, ioctl));
			servers.add(Arguments.of("jetty", ServletApplication.class, JETTY_SERVLET, ioctl));
			servers.add(Arguments.of("tomcat", ReactiveApplication.class, TOMCAT_REACTIVE, ioctl));
			servers.add(Arguments.of("reactor-netty", ReactiveApplication.class, REACTOR_NETTY, ioctl));
		}
		return servers;
	}

	@ParameterizedTest(name = "{0} {1}, ioctl on: {3}")
	@MethodSource("servers")
	void requestsOverTheSocketCarryTheCallersIdentityAndTcpRequestsNone(String component, Class<?> application,
			List<String> arguments, boolean ioctl) throws Exception {
		List<String> all = new ArrayList<>(
				List.of("--server.http2.enabled=true", "--server.port=0", "--server.address=127.0.0.1",
						"--loopback.fast-path.enabled=" + ioctl, "--loopback.fast-path.unix-domain.enabled=true",
						"--loopback.fast-path.unix-domain.directory=" + this.temp.resolve("sockets")));
		all.addAll(arguments);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.run(all.toArray(String[]::new))) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			PublishedSocket socket = context.getBean(SocketPublisher.class).published().get(port);
			assertThat(socket.component()).isEqualTo(component);
			String url = "http://127.0.0.1:" + port + "/peer";
			String path = socket.path().toString();
			UnixSystem self = new UnixSystem();
			for (String protocol : List.of("--http1.1", "--http2-prior-knowledge", "--http2")) {
				Curl curl = curl(protocol, "--unix-socket", path, url);
				assertThat(curl.output()).as(protocol + " over the socket")
					.isEqualTo(self.getUsername() + " " + self.getUid() + " " + groupName(self) + " " + self.getGid()
							+ " " + curl.pid());
			}
			assertThat(curl("--http1.1", url).output()).as("HTTP/1.1 over TCP").isEqualTo("none");
			assertThat(curl("--http2-prior-knowledge", url).output()).as("h2c over TCP").isEqualTo("none");
			assertThat(socket.peerUsers().counts()).as("who used the socket").isEqualTo(Map.of(self.getUsername(), 3L));
			assertThat(socket.identityLimitation()).as("every part of the identity was read").isNull();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("managementServers")
	void theManagementServerReadsItsCallersToo(String component, List<String> arguments) throws Exception {
		List<String> all = new ArrayList<>(
				List.of("--server.port=0", "--server.address=127.0.0.1", "--management.server.port=0",
						"--management.server.address=127.0.0.1", "--loopback.fast-path.unix-domain.enabled=true",
						"--loopback.fast-path.unix-domain.directory=" + this.temp.resolve("sockets")));
		all.addAll(arguments);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ServletApplication.class)
			.run(all.toArray(String[]::new))) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			int managementPort = context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
			PublishedSocket management = context.getBean(SocketPublisher.class).published().get(managementPort);
			assertThat(management.component()).isEqualTo(component);
			assertThat(curl("--unix-socket", management.path().toString(),
					"http://127.0.0.1:" + managementPort + "/actuator/health")
				.output()).contains("\"UP\"");
			assertThat(management.peerUsers().counts()).isEqualTo(Map.of(new UnixSystem().getUsername(), 1L));
			assertThat(context.getBean(SocketPublisher.class).published().get(port).peerUsers().counts()).isEmpty();
		}
	}

	static List<Arguments> managementServers() {
		return List.of(Arguments.of("tomcat", TOMCAT_SERVLET),
				Arguments.of("jetty",
						List.of("--spring.autoconfigure.exclude=" + TOMCAT
								+ "servlet.TomcatServletWebServerAutoConfiguration," + TOMCAT
								+ "actuate.web.server.TomcatServletManagementContextAutoConfiguration")));
	}

	// The group of this process, named by the JDK: /proc/<pid> belongs to it
	private static String groupName(UnixSystem self) throws Exception {
		return Files
			.readAttributes(Path.of("/proc", Long.toString(ProcessHandle.current().pid())), PosixFileAttributes.class)
			.group()
			.getName();
	}

	private static Curl curl(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "30"));
		command.addAll(List.of(arguments));
		Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Curl(curl.pid(), output);
	}

	private static String describe(Object peer) {
		if (!(peer instanceof PeerIdentity identity)) {
			return "none";
		}
		return identity.user() + " " + identity.uid() + " " + identity.group() + " " + identity.gid() + " "
				+ identity.pid();
	}

	private record Curl(long pid, String output) {

	}

	/**
	 * A servlet application (Tomcat, or Jetty without Tomcat) that says who called.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class ServletApplication {

		@GetMapping("/peer")
		String peer(HttpServletRequest request) {
			return describe(request.getAttribute(PeerIdentity.ATTRIBUTE));
		}

	}

	/**
	 * A WebFlux application (Tomcat, or Reactor Netty) that says who called.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class ReactiveApplication {

		@GetMapping("/peer")
		Mono<String> peer(ServerWebExchange exchange) {
			return Mono.just(describe(exchange.getAttribute(PeerIdentity.ATTRIBUTE)));
		}

	}

}
