package io.github.loopbackfastpath.wine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

import org.springframework.test.util.TestSocketUtils;

/**
 * A packaged Spring Boot application running on the Windows JRE under Wine, seen from the
 * Linux side over loopback.
 */
final class WindowsApp implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private final Process process;

	private final Path log;

	private final int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private WindowsApp(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Start the application with {@code java -jar} and no JVM option, as a user of the
	 * executable jar does.
	 * @param wine Wine
	 * @param javaExe the Windows {@code java.exe}
	 * @param jar the sample application's executable jar
	 * @param log where its output goes
	 * @param arguments application arguments
	 * @return the application, serving HTTP
	 * @throws Exception if it does not start
	 */
	static WindowsApp start(Wine wine, Path javaExe, Path jar, Path log, String... arguments) throws Exception {
		int port = TestSocketUtils.findAvailableTcpPort();
		List<String> command = new ArrayList<>(List.of("-jar", Wine.windowsPath(jar), "--server.port=" + port,
				"--server.address=127.0.0.1", "--logging.level.io.github.loopbackfastpath=DEBUG"));
		command.addAll(List.of(arguments));
		WindowsApp app = new WindowsApp(wine.run(javaExe, command, log), log, port);
		app.awaitJson("/actuator/health", (health) -> "UP".equals(health.read("$.status")), START_TIMEOUT);
		return app;
	}

	/**
	 * GET a path of the application.
	 * @param path the path
	 * @return the response
	 * @throws Exception on I/O failure
	 */
	HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Poll a JSON resource until it satisfies a condition: the application under Wine is
	 * slow, so this waits for a state, and fails with the last answer if it never comes.
	 * @param path the path
	 * @param condition the condition
	 * @param timeout how long to wait at most
	 * @return the document that satisfied it
	 * @throws Exception if it never did, or the application died
	 */
	DocumentContext awaitJson(String path, Predicate<DocumentContext> condition, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = "(no answer)";
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"The application under Wine exited with " + this.process.exitValue() + ":\n" + log());
			}
			try {
				HttpResponse<String> response = get(path);
				last = response.statusCode() + " " + response.body();
				if (response.statusCode() == 200) {
					DocumentContext document = JsonPath.parse(response.body());
					if (condition.test(document)) {
						return document;
					}
				}
			}
			catch (IOException ex) {
				last = ex.toString();
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException(
				path + " never reached the expected state; last answer: " + last + "\nApplication log:\n" + log());
	}

	int port() {
		return this.port;
	}

	String log() throws IOException {
		return Files.exists(this.log) ? Files.readString(this.log, StandardCharsets.UTF_8) : "";
	}

	@Override
	public void close() throws Exception {
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
