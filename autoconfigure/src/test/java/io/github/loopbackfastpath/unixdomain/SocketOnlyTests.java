package io.github.loopbackfastpath.unixdomain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;
import io.github.loopbackfastpath.test.Nginx;
import io.github.loopbackfastpath.unixdomain.server.PublishedSocket;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Servers listed in {@code loopback.fast-path.unix-domain.socket-only} listen on their
 * AF_UNIX socket only, as users turn it on: {@code ss} finds no TCP listener on their
 * port and finds the socket; {@code curl --unix-socket} is served there (HTTP/1.1 and
 * h2c) and seen as itself; the application's own client calls {@code 127.0.0.1:<port>}
 * and is answered over the socket, and fails at once, saying why, when the socket is
 * gone; nginx in front, its workers as {@code www-data} with {@code group: www-data}, is
 * served and seen as {@code www-data}; the endpoint, health and the start-up line say
 * there is no TCP listener. Tomcat, Jetty and Reactor Netty, the management server on its
 * own port, the ioctl off and on; and what is refused at start-up, naming the property.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "ss, curl --unix-socket, nginx")
@ExtendWith(OutputCaptureExtension.class)
class SocketOnlyTests {

	private static final String TOMCAT = "org.springframework.boot.tomcat.autoconfigure.";

	private static final String JETTY = "org.springframework.boot.jetty.autoconfigure.";

	private static final List<String> JETTY_SERVLET = List
		.of("--spring.autoconfigure.exclude=" + TOMCAT + "servlet.TomcatServletWebServerAutoConfiguration," + TOMCAT
				+ "actuate.web.server.TomcatServletManagementContextAutoConfiguration");

	private static final List<String> REACTOR_NETTY = List.of("--spring.main.web-application-type=reactive",
			"--spring.autoconfigure.exclude=" + TOMCAT + "reactive.TomcatReactiveWebServerAutoConfiguration," + JETTY
					+ "reactive.JettyReactiveWebServerAutoConfiguration," + TOMCAT
					+ "actuate.web.server.TomcatReactiveManagementContextAutoConfiguration," + JETTY
					+ "actuate.web.server.JettyReactiveManagementContextAutoConfiguration");

	@TempDir
	Path temp;

	private @Nullable Nginx nginx;

	@BeforeAll
	static void rootAndTools() {
		boolean possible = "root".equals(System.getProperty("user.name"))
				&& Files.isExecutable(Path.of("/usr/sbin/nginx")) && Files.isExecutable(Path.of("/usr/bin/ss"))
				&& Files.isExecutable(Path.of("/usr/bin/curl"));
		if (!possible && "true".equals(System.getenv("LOOPBACK_FAST_PATH_REQUIRE_ROOT_TESTS"))) {
			throw new IllegalStateException("These tests need root, nginx (nginx-light), ss (iproute2) and curl");
		}
		assumeTrue(possible, "root, nginx, ss and curl");
	}

	@AfterEach
	void stopNginx() throws InterruptedException {
		Nginx nginx = this.nginx;
		if (nginx != null) {
			nginx.close();
		}
	}

	static List<Arguments> servers() {
		return List.of(Arguments.of("tomcat", PeerIdentityTests.ServletApplication.class, List.of(), false),
				Arguments.of("jetty", PeerIdentityTests.ServletApplication.class, JETTY_SERVLET, true),
				Arguments.of("reactor-netty", PeerIdentityTests.ReactiveApplication.class, REACTOR_NETTY, true));
	}

	@ParameterizedTest(name = "{0}, ioctl on: {3}")
	@MethodSource("servers")
	void theServerListensOnItsSocketOnly(String component, Class<?> application, List<String> arguments, boolean ioctl,
			CapturedOutput output) throws Exception {
		int port = TestSocketUtils.findAvailableTcpPort();
		int nginxPort = TestSocketUtils.findAvailableTcpPort();
		// Behind nginx, whose workers (www-data) are the group's
		Files.setPosixFilePermissions(this.temp, PosixFilePermissions.fromString("rwxr-xr-x"));
		this.nginx = Nginx.http(this.temp.resolve("nginx"), nginxPort,
				this.temp.resolve("sockets").resolve(port + ".sock"));
		try (ConfigurableApplicationContext context = run(application, arguments, "--server.port=" + port,
				"--server.http2.enabled=true", "--loopback.fast-path.enabled=" + ioctl,
				"--loopback.fast-path.unix-domain.group=www-data",
				"--loopback.fast-path.unix-domain.socket-only=server")) {
			PublishedSocket socket = context.getBean(SocketPublisher.class).published().get(port);
			assertThat(socket.component()).isEqualTo(component);
			assertThat(socket.isSocketOnly()).isTrue();
			assertThat(socket.path()).isEqualTo(this.temp.resolve("sockets").resolve(port + ".sock"));
			assertThat(tcpListeners(port)).as("TCP listeners on port " + port).isEmpty();
			assertThat(run("ss", "-Hxl")).as("AF_UNIX listeners").contains("/" + port + ".sock");
			String url = "http://127.0.0.1:" + port;
			String path = socket.path().toString();
			String me = new UnixSystem().getUsername() + " ";
			assertThat(curl("--unix-socket", path, url + "/peer")).as("HTTP/1.1 over the socket").startsWith(me);
			assertThat(curl("--http2-prior-knowledge", "--unix-socket", path, url + "/peer")).as("h2c").startsWith(me);
			assertThat(curl("http://127.0.0.1:" + nginxPort + "/peer")).as("nginx's workers").startsWith("www-data ");
			assertThat(ownCall(context, url + "/peer")).as("the application's own call to " + url)
				.startsWith(me)
				.endsWith(" " + ProcessHandle.current().pid());
			assertThat(curl("--unix-socket", path, url + "/actuator/loopbackfastpath"))
				.contains("\"tcpListener\":false");
			assertThat(curl("--unix-socket", path, url + "/actuator/health"))
				.contains("\"noTcpListener\":[\"" + component + " on " + path + "\"]");
			assertThat(output).contains(component + " on " + port + ".sock (no TCP listener)");
			Files.delete(socket.path());
			assertThatThrownBy(() -> ownCall(context, url + "/peer")).as("no TCP to fall back to")
				.hasStackTraceContaining("listens on its AF_UNIX socket only");
		}
	}

	@ParameterizedTest(name = "{0}, ioctl on: {3}")
	@MethodSource("servers")
	void theManagementServerListensOnItsSocketOnlyAndTheMainServerOnTcp(String component, Class<?> application,
			List<String> arguments, boolean ioctl) throws Exception {
		int port = TestSocketUtils.findAvailableTcpPort();
		int managementPort = TestSocketUtils.findAvailableTcpPort();
		try (ConfigurableApplicationContext context = run(application, arguments, "--server.port=" + port,
				"--management.server.port=" + managementPort, "--loopback.fast-path.enabled=" + !ioctl,
				"--loopback.fast-path.unix-domain.socket-only=management")) {
			PublishedSocket management = context.getBean(SocketPublisher.class).published().get(managementPort);
			assertThat(management.component()).isEqualTo(component);
			assertThat(management.isSocketOnly()).isTrue();
			assertThat(tcpListeners(managementPort)).as("TCP listeners on the management port").isEmpty();
			assertThat(tcpListeners(port)).as("TCP listeners on the main port").isNotEmpty();
			assertThat(curl("--unix-socket", management.path().toString(),
					"http://127.0.0.1:" + managementPort + "/actuator/health"))
				.contains("\"UP\"");
			assertThat(curl("http://127.0.0.1:" + port + "/peer")).as("the main port over TCP").isEqualTo("none");
			assertThat(context.getBean(SocketPublisher.class).published().get(port).isSocketOnly()).isFalse();
		}
	}

	@Test
	void aSocketOnlyServerStoppedAndStartedAgainIsPublishedAgain() throws Exception {
		int port = TestSocketUtils.findAvailableTcpPort();
		try (ConfigurableApplicationContext context = run(PeerIdentityTests.ServletApplication.class, List.of(),
				"--server.port=" + port, "--loopback.fast-path.unix-domain.socket-only=server")) {
			SocketPublisher publisher = context.getBean(SocketPublisher.class);
			Path socket = publisher.published().get(port).path();
			String url = "http://127.0.0.1:" + port + "/peer";
			String me = new UnixSystem().getUsername() + " ";
			context.stop();
			assertThat(socket).as("its name, once stopped").doesNotExist();
			assertThat(publisher.published()).isEmpty();
			context.start();
			assertThat(publisher.published().get(port).path()).isEqualTo(socket);
			assertThat(tcpListeners(port)).as("TCP listeners, started again").isEmpty();
			assertThat(curl("--unix-socket", socket.toString(), url)).startsWith(me);
			assertThat(ownCall(context, url)).startsWith(me);
		}
	}

	@Test
	void aSocketOnlyServerNeedsAFixedPort() {
		assertThatThrownBy(() -> run(PeerIdentityTests.ServletApplication.class, List.of(), "--server.port=0",
				"--loopback.fast-path.unix-domain.socket-only=server"))
			.hasStackTraceContaining("server.port")
			.hasStackTraceContaining("needs a fixed port");
	}

	@Test
	void aSocketOnlyManagementServerNeedsItsOwnPort() {
		assertThatThrownBy(() -> run(PeerIdentityTests.ServletApplication.class, List.of(),
				"--server.port=" + TestSocketUtils.findAvailableTcpPort(),
				"--loopback.fast-path.unix-domain.socket-only=management"))
			.hasStackTraceContaining("loopback.fast-path.unix-domain.socket-only")
			.hasStackTraceContaining("management.server.port");
	}

	@Test
	void aBadValueOrTheModeOffFailsStartUpNamingTheProperty() {
		assertThatThrownBy(() -> run(PeerIdentityTests.ServletApplication.class, List.of(), "--server.port=0",
				"--loopback.fast-path.unix-domain.socket-only=everything"))
			.hasStackTraceContaining("loopback.fast-path.unix-domain.socket-only");
		assertThatThrownBy(() -> new SpringApplicationBuilder(PeerIdentityTests.ServletApplication.class)
			.run("--server.port=0", "--loopback.fast-path.unix-domain.socket-only=server"))
			.hasStackTraceContaining("loopback.fast-path.unix-domain.enabled=true");
	}

	private ConfigurableApplicationContext run(Class<?> application, List<String> arguments, String... more) {
		List<String> all = new ArrayList<>(List.of(
				"--management.endpoints.web.exposure.include=health,loopbackfastpath",
				"--management.endpoint.health.show-details=always", "--loopback.fast-path.unix-domain.enabled=true",
				"--loopback.fast-path.unix-domain.directory=" + this.temp.resolve("sockets")));
		all.addAll(arguments);
		all.addAll(List.of(more));
		return new SpringApplicationBuilder(application).run(all.toArray(String[]::new));
	}

	// The application's own client, from Spring Boot's builder: RestClient in a servlet
	// application, WebClient in a WebFlux one. Each call on a new connection (a pooled
	// one would be served on after the socket's name is gone)
	private static String ownCall(ConfigurableApplicationContext context, String url) {
		if (!(context instanceof ReactiveWebApplicationContext)) {
			return context.getBean(RestClient.Builder.class)
				.build()
				.get()
				.uri(url)
				.header("Connection", "close")
				.retrieve()
				.body(String.class);
		}
		return context.getBean(WebClient.Builder.class)
			.build()
			.get()
			.uri(url)
			.header("Connection", "close")
			.retrieve()
			.bodyToMono(String.class)
			.block();
	}

	private static List<String> tcpListeners(int port) throws Exception {
		return run("ss", "-Htln", "sport = :" + port).lines().filter((line) -> !line.isBlank()).toList();
	}

	private static String curl(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "30"));
		command.addAll(List.of(arguments));
		return run(command.toArray(String[]::new));
	}

	private static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return output;
	}

}
