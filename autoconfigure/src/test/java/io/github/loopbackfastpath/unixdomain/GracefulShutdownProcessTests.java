package io.github.loopbackfastpath.unixdomain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Graceful shutdown drains the published sockets as it drains TCP: a real application
 * ({@link ShutdownApplication}) in a JVM of its own, on Tomcat, Jetty and Reactor Netty,
 * with a separate management server and Spring Boot's gRPC server; a request of a few
 * seconds in flight on each socket, and none on TCP (whose drain would hold the shutdown
 * up), when it gets SIGTERM, from {@code curl --unix-socket} and Python's {@code grpcio}.
 * Each is answered, as the same request over TCP is; a new connection on the socket once
 * shutdown began is refused; the socket files are gone after the drain.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "SIGTERM, curl and /usr/bin/python3 with grpcio")
class GracefulShutdownProcessTests {

	private static final String TOMCAT_CONFIGURATION = "org.springframework.boot.tomcat.autoconfigure.";

	private static final String JETTY_CONFIGURATION = "org.springframework.boot.jetty.autoconfigure.";

	private static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

	private final List<Process> processes = new ArrayList<>();

	@TempDir
	Path temp;

	@AfterEach
	void stopProcesses() {
		this.processes.forEach(Process::destroyForcibly);
	}

	@ParameterizedTest
	@EnumSource(Server.class)
	void inFlightRequestsOnEverySocketCompleteAfterSigterm(Server server) throws Exception {
		boolean tools = Files.isExecutable(Path.of("/usr/bin/curl")) && Files.isExecutable(DEBIAN_PYTHON)
				&& new ProcessBuilder(DEBIAN_PYTHON.toString(), "-c", "import grpc").start().waitFor() == 0;
		if (!tools && "true".equals(System.getenv("LOOPBACK_FAST_PATH_REQUIRE_ROOT_TESTS"))) {
			throw new IllegalStateException("curl and Debian's python3-grpcio are needed");
		}
		assumeTrue(tools, "curl and Debian's python3-grpcio");
		Path directory = Files.createTempDirectory(Path.of("/tmp"), "lfp-gs");
		int port = TestSocketUtils.findAvailableTcpPort();
		int managementPort = TestSocketUtils.findAvailableTcpPort();
		int grpcPort = TestSocketUtils.findAvailableTcpPort();
		Path log = this.temp.resolve("application.log");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
						ShutdownApplication.class.getName(), "--server.port=" + port, "--server.address=127.0.0.1",
						"--management.server.port=" + managementPort, "--management.server.address=127.0.0.1",
						"--management.endpoints.web.exposure.include=slow", "--spring.grpc.server.port=" + grpcPort,
						"--loopback.fast-path.unix-domain.enabled=true",
						"--loopback.fast-path.unix-domain.directory=" + directory));
		command.addAll(server.arguments);
		Process application = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		this.processes.add(application);
		Path socket = directory.resolve(port + "@127.0.0.1.sock");
		Path managementSocket = directory.resolve(managementPort + "@127.0.0.1.sock");
		Path grpcSocket = directory.resolve(grpcPort + ".sock");
		await(() -> Files.exists(socket) && Files.exists(managementSocket) && Files.exists(grpcSocket), log);
		// Requests in flight on a started application (the sockets are published before
		// it
		// is ready, and a first connection may wait for the callers' ids to be readable)
		await(() -> Files.readString(log).contains("Started ShutdownApplication"), log);

		List<Process> inFlight = List.of(curl("--unix-socket", socket.toString(), "http://localhost/slow"),
				curl("--unix-socket", managementSocket.toString(), "http://localhost/actuator/slow"),
				python("unix:" + grpcSocket));
		// SIGTERM once each is being handled: a request the server has not read yet is no
		// more in flight on a socket than it is on TCP
		await(() -> Files.readString(log).split(ShutdownApplication.IN_FLIGHT, -1).length == 4, log);
		application.destroy();
		await(() -> !Files.exists(socket), log);
		assertThat(output(curl("-o", "/dev/null", "--unix-socket", socket.toString(), "http://localhost/hello")))
			.as("a new connection once shutdown began")
			.isEqualTo("000");
		assertThat(inFlight).map(GracefulShutdownProcessTests::output)
			.as("socket, management socket, gRPC socket")
			.containsExactly("done 200", "done 200", "done");
		assertThat(application.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(directory).isEmptyDirectory();
	}

	// The body, a space and the status code (000: no connection)
	private Process curl(String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "30", "-w", " %{http_code}"));
		command.addAll(List.of(arguments));
		return start(command);
	}

	private Process python(String target) throws IOException {
		return start(List.of(DEBIAN_PYTHON.toString(), "-c", """
				import grpc, sys
				channel = grpc.insecure_channel(sys.argv[1])
				try:
					print(channel.unary_unary("/test.Slow/Slow")(b"", timeout=30).decode())
				except grpc.RpcError as error:
					print(error.code().name)
				""", target));
	}

	private Process start(List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		this.processes.add(process);
		return process;
	}

	private static String output(Process process) {
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			process.waitFor(60, TimeUnit.SECONDS);
			return output;
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void await(Check check, Path log) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
		while (!check.holds()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("Not there after 90 s; the application's log:\n" + Files.readString(log));
			}
			Thread.sleep(100);
		}
	}

	@FunctionalInterface
	private interface Check {

		boolean holds() throws Exception;

	}

	enum Server {

		TOMCAT(),

		JETTY("--spring.autoconfigure.exclude=" + TOMCAT_CONFIGURATION
				+ "servlet.TomcatServletWebServerAutoConfiguration," + TOMCAT_CONFIGURATION
				+ "actuate.web.server.TomcatServletManagementContextAutoConfiguration"),

		REACTOR_NETTY("--spring.main.web-application-type=reactive",
				"--spring.autoconfigure.exclude=" + TOMCAT_CONFIGURATION
						+ "reactive.TomcatReactiveWebServerAutoConfiguration," + TOMCAT_CONFIGURATION
						+ "actuate.web.server.TomcatReactiveManagementContextAutoConfiguration," + JETTY_CONFIGURATION
						+ "reactive.JettyReactiveWebServerAutoConfiguration," + JETTY_CONFIGURATION
						+ "actuate.web.server.JettyReactiveManagementContextAutoConfiguration");

		private final List<String> arguments;

		Server(String... arguments) {
			this.arguments = List.of(arguments);
		}

	}

}
