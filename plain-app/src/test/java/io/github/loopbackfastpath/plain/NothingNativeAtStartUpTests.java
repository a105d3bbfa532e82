package io.github.loopbackfastpath.plain;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where nothing native is needed, nothing native is loaded: the plain application,
 * started with {@code java} and no option but the JVM's class-load log, with the ioctl on
 * (Linux has none) or the same-host mode on, starts without loading a JNA class or
 * mapping JNA's native library. With the ioctl on it serves its self-calls without
 * either; the endpoint still shows every open socket's handle, verified, when it is read:
 * then, and only then, JNA is loaded. With the same-host mode on, JNA is loaded once a
 * caller connects to the published socket, for the numeric ids of its identity.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Reads /proc/<pid>/maps; Linux has no ioctl")
class NothingNativeAtStartUpTests {

	private static final Pattern STARTED = Pattern.compile("process running for ([\\d.]+)\\)");

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stop() throws InterruptedException {
		for (Process process : this.processes) {
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	@Test
	void ioctlOnLoadsNoJnaUntilTheEndpointReadsTheHandles() throws Exception {
		Started app = start("--loopback.fast-path.enabled=true");
		assertThat(get(app, "/self-call")).contains("\"webClient\":\"hello\"").contains("\"restClient\":\"hello\"");
		assertNothingNative(app);
		DocumentContext report = JsonPath.parse(get(app, "/actuator/loopbackfastpath"));
		List<Map<String, Object>> open = report.read("$.sockets[?(@.open == true)]");
		assertThat(open).extracting((socket) -> socket.get("component"))
			.contains("jetty", "reactor-netty-client", "httpclient5");
		assertThat(open).allSatisfy((socket) -> assertThat(socket).containsEntry("status", "UNSUPPORTED_PLATFORM")
			.containsEntry("handleVerified", true)
			.extractingByKey("handle")
			.isNotNull());
		assertThat(Files.readString(app.classes())).as("the endpoint read the handles through JNA")
			.contains("com.sun.jna.Native ");
	}

	@Test
	void sameHostModeOnLoadsNoJnaToStart() throws Exception {
		Path directory = Files.createTempDirectory("lfp-native").resolve("sockets");
		Started app = start("--loopback.fast-path.enabled=false", "--loopback.fast-path.unix-domain.enabled=true",
				"--loopback.fast-path.unix-domain.directory=" + directory);
		// Until Spring Boot said it started: the application calls itself once ready
		double started = Double.parseDouble(Commands.await(() -> {
			Matcher matcher = STARTED.matcher(Files.readString(app.output()));
			return matcher.find() ? matcher.group(1) : null;
		}));
		List<String> jnaClasses = Files.readAllLines(app.classes())
			.stream()
			.filter((line) -> line.contains("com.sun.jna."))
			.toList();
		assertThat(jnaClasses).as("JNA classes loaded to start")
			.allSatisfy((line) -> assertThat(uptime(line)).isGreaterThan(started));
		assertThat(get(app, "/self-call")).contains("\"webClient\":\"hello\"").contains("\"restClient\":\"hello\"");
		DocumentContext report = JsonPath.parse(get(app, "/actuator/loopbackfastpath"));
		assertThat(report.read("$.unixDomain.published[0].path", String.class))
			.isEqualTo(directory.resolve(app.port() + "@127.0.0.1.sock").toString());
		List<String> transports = report.read("$.sockets[?(@.role == 'CLIENT')].transport");
		assertThat(transports).contains("UNIX_DOMAIN");
		assertThat(Files.readString(app.classes())).as("the callers' ids were read through JNA")
			.contains("com.sun.jna.Native ");
	}

	// [1.234s][info][class,load] ...
	private static double uptime(String line) {
		return Double.parseDouble(line.substring(1, line.indexOf('s')));
	}

	private void assertNothingNative(Started app) throws IOException {
		assertThat(Files.readString(app.classes())).as("JNA classes loaded").doesNotContain("com.sun.jna.");
		assertThat(Files.readString(Path.of("/proc/" + app.process().pid() + "/maps")))
			.as("JNA's native library mapped")
			.doesNotContain("jnidispatch");
	}

	private Started start(String... args) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path classes = Files.createTempFile("lfp-classes", ".log");
		Path output = Files.createTempFile("lfp-native", ".log");
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xlog:class+load=info:file=" + classes, "-cp",
				System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
				PlainApplication.class.getName(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--logging.level.root=warn", "--logging.level.io.github.loopbackfastpath.plain=info"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		this.processes.add(process);
		Started app = new Started(process, port, classes, output);
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (Instant.now().isBefore(deadline) && process.isAlive()) {
			try {
				if ("hello".equals(get(app, "/hello"))) {
					return app;
				}
			}
			catch (IOException ex) {
				Thread.sleep(200);
			}
		}
		throw new AssertionError("The application did not answer: " + Files.readString(output, StandardCharsets.UTF_8));
	}

	private static String get(Started app, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		return response.body();
	}

	private record Started(Process process, int port, Path classes, Path output) {
	}

}
