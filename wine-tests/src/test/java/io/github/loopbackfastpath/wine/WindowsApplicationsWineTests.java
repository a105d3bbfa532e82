package io.github.loopbackfastpath.wine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.jayway.jsonpath.DocumentContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The Windows path of the starter on a real Winsock: the packaged sample application and
 * a plain application (no JVM option, no manifest entry) on a Windows x64 Temurin JRE
 * under Wine, checked from the Linux side over loopback (Wine's sockets are this
 * machine's sockets). Neither reaches native sockets through {@code sun.nio.ch}: both use
 * the JNI route through the JRE's {@code java.dll}.
 * <p>
 * Wine 8 answers {@code WSAIoctl(SIO_LOOPBACK_FAST_PATH)} with {@code WSAEOPNOTSUPP}
 * (10045) for every handle, valid or not, so each handle is proved to be the right socket
 * through ws2_32's {@code getsockname} ({@code handleVerified}).
 */
@TestInstance(Lifecycle.PER_CLASS)
class WindowsApplicationsWineTests {

	private static final Duration CLIENTS_TIMEOUT = Duration.ofMinutes(2);

	private Wine wine;

	private Path javaExe;

	private Path jar;

	private Path plainJar;

	private Path logs;

	@BeforeAll
	void prepareWine() throws Exception {
		Optional<Path> command = Wine.find();
		if (command.isEmpty()) {
			String message = "Wine is not installed (Debian: apt-get install wine): the Windows tests under Wine were SKIPPED.";
			System.out.println("[WARNING] " + message);
			if (Boolean.parseBoolean(System.getenv(Wine.REQUIRE_WINE))) {
				fail(message + " " + Wine.REQUIRE_WINE + " is true, so that is a failure.");
			}
			abort(message);
		}
		this.wine = Wine.withPrefix(command.get(), Path.of(System.getProperty("wine.prefix")));
		this.javaExe = Wine.javaExe(Path.of(System.getProperty("windows.jre.dir")));
		this.jar = Path.of(System.getProperty("sample.app.jar"));
		assertThat(this.jar).as("the packaged sample application").exists();
		this.plainJar = Path.of(System.getProperty("plain.app.jar"));
		assertThat(this.plainJar).as("the packaged plain application").exists();
		this.logs = Files.createDirectories(Path.of(System.getProperty("wine.prefix")).resolveSibling("wine-logs"));
	}

	@AfterAll
	void stopWine() {
		if (this.wine != null) {
			this.wine.killAll();
		}
	}

	@Test
	void servletSampleServesAndReportsEverySocketRefusedByWinsock() throws Exception {
		try (WindowsApp app = WindowsApp.start(this.wine, this.javaExe, this.jar, this.logs.resolve("servlet.log"),
				"--loopback.fast-path.fail-on-error=true", "--spring.grpc.server.port=0")) {
			assertThat(app.get("/greeting").body()).contains("Hello over loopback");
			DocumentContext report = awaitClients(app, "tomcat", "reactor-netty-client", "httpclient5", "grpc",
					"grpc-client");
			assertWindowsPlatform(report);
			assertEverySocketRefusedWithAVerifiedHandle(report);
			assertThat(app.log()).contains("Loopback fast path UNSUPPORTED_BY_TRANSPORT for tomcat listener")
				.doesNotContain("APPLICATION FAILED TO START");
			assertSameHostModeReportedUnavailableOnce(app, report);
		}
	}

	// The sample turns the same-host mode on; a Windows JRE under Wine cannot open
	// AF_UNIX
	// sockets, so the mode says so once and every socket stays on TCP
	private static void assertSameHostModeReportedUnavailableOnce(WindowsApp app, DocumentContext report)
			throws Exception {
		assertThat(report.read("$.unixDomain.enabled", Boolean.class)).isTrue();
		assertThat(report.read("$.unixDomain.unavailable", String.class)).contains("cannot open AF_UNIX sockets")
			.contains("UnsupportedOperationException");
		List<Object> published = report.read("$.unixDomain.published");
		assertThat(published).isEmpty();
		List<String> transports = report.read("$.sockets[*].transport");
		assertThat(transports).isNotEmpty().containsOnly("TCP");
		assertThat(app.log().lines().filter((line) -> line.contains("WARN") && line.contains("same-host mode")))
			.as("reported once")
			.hasSize(1);
		assertThat(app.log()).contains("; same-host mode: off, This JVM cannot open AF_UNIX");
	}

	@Test
	void reactiveSampleOnNioServesAndReportsEverySocketRefusedByWinsock() throws Exception {
		try (WindowsApp app = WindowsApp.start(this.wine, this.javaExe, this.jar, this.logs.resolve("reactive.log"),
				"--spring.profiles.active=reactive", "--spring.grpc.server.port=0")) {
			assertThat(app.get("/greeting").body()).contains("Hello over loopback");
			DocumentContext report = awaitClients(app, "reactor-netty", "reactor-netty-client", "grpc", "grpc-client");
			assertWindowsPlatform(report);
			assertEverySocketRefusedWithAVerifiedHandle(report);
			List<String> stages = report.read("$.sockets[?(@.component == 'reactor-netty')].stage");
			assertThat(stages).containsOnly("BEFORE_BIND");
		}
	}

	@Test
	void plainApplicationWithoutAnyJvmOptionReachesEverySocketThroughJni() throws Exception {
		try (WindowsApp app = WindowsApp.start(this.wine, this.javaExe, this.plainJar,
				this.logs.resolve("plain.log"))) {
			assertThat(app.get("/self-call").body()).contains("\"webClient\":\"hello\"")
				.contains("\"restClient\":\"hello\"");
			DocumentContext report = awaitClients(app, "jetty", "reactor-netty-client", "httpclient5");
			assertWindowsPlatform(report);
			assertEverySocketRefusedWithAVerifiedHandle(report);
		}
	}

	@Test
	void plainApplicationOnJettysHttpClientGetsTheIoctlBeforeConnect() throws Exception {
		try (WindowsApp app = WindowsApp.start(this.wine, this.javaExe, this.plainJar,
				this.logs.resolve("plain-jetty-client.log"), "--spring.http.clients.imperative.factory=jetty",
				"--spring.http.clients.reactive.connector=jetty")) {
			assertThat(app.get("/self-call").body()).contains("\"webClient\":\"hello\"")
				.contains("\"restClient\":\"hello\"");
			DocumentContext report = awaitClients(app, "jetty", "jetty-client");
			assertWindowsPlatform(report);
			assertEverySocketRefusedWithAVerifiedHandle(report);
			List<String> stages = report.read("$.sockets[?(@.component == 'jetty-client')].stage");
			assertThat(stages).hasSizeGreaterThanOrEqualTo(2).containsOnly("BEFORE_CONNECT");
		}
	}

	private static DocumentContext awaitClients(WindowsApp app, String... components) throws Exception {
		return app.awaitJson("/actuator/loopbackfastpath", (report) -> {
			List<String> present = report.read("$.sockets[?(@.open == true)].component");
			return present.containsAll(List.of(components));
		}, CLIENTS_TIMEOUT);
	}

	private void assertWindowsPlatform(DocumentContext report) throws Exception {
		assertThat(report.read("$.enabled", Boolean.class)).isTrue();
		assertThat(report.read("$.platform.osName", String.class)).startsWith("Windows");
		assertThat(report.read("$.platform.fastPathSupported", Boolean.class)).isTrue();
		assertThat(report.read("$.platform.nativeLibrary", String.class)).isEqualTo("ws2_32");
		assertThat(report.read("$.platform.windowsBuild", Integer.class)).as("the build Wine reports")
			.isEqualTo(this.wine.windowsBuild());
		assertThat(report.read("$.platform.handleAccess", String.class)).as("no JVM option: the JNI route, java.dll")
			.startsWith("JNI:");
	}

	private static void assertEverySocketRefusedWithAVerifiedHandle(DocumentContext report) {
		List<Map<String, Object>> sockets = report.read("$.sockets[*]");
		assertThat(sockets).isNotEmpty().allSatisfy((socket) -> {
			assertThat(socket).containsEntry("status", "UNSUPPORTED_BY_TRANSPORT")
				.containsEntry("errorCode", 10045)
				.containsEntry("errorName", "WSAEOPNOTSUPP");
			assertThat(socket.get("handle")).isNotNull();
			if (Boolean.TRUE.equals(socket.get("open"))) {
				assertThat(socket).containsEntry("handleVerified", true);
			}
		});
		assertThat(sockets).anySatisfy((socket) -> assertThat(socket).containsEntry("role", "LISTENER"));
		assertThat(sockets).anySatisfy(
				(socket) -> assertThat(socket).containsEntry("role", "CLIENT").containsEntry("loopbackPeer", true));
		assertThat(report.read("$.summary.UNSUPPORTED_BY_TRANSPORT", Integer.class)).isEqualTo(sockets.size());
	}

}
