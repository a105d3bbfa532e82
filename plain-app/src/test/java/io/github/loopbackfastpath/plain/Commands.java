package io.github.loopbackfastpath.plain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands the deployment tests run: {@code curl}, {@code setpriv}, {@code nsenter},
 * {@code stat}, each with a deadline, and a classpath every user can read.
 */
final class Commands {

	private Commands() {
	}

	// With the user's own primary group, whatever its name (a user made elsewhere may
	// have none of its own name); a user the machine does not have fails here, plainly
	static List<String> asUser(String user) throws Exception {
		String group = run("id", "-g", user);
		assertThat(group).as("the primary group of %s", user).matches("\\d+");
		return List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--init-groups", "--");
	}

	static void stop(Process process) throws InterruptedException {
		process.destroy();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
	}

	static String inNamespace(Process process, String path) throws Exception {
		return inNamespace(process, 8080, path);
	}

	static String inNamespace(Process process, int port, String path) throws Exception {
		return run("nsenter", "--net=/proc/" + process.pid() + "/ns/net", "curl", "-s", "--max-time", "60",
				"http://127.0.0.1:" + port + path);
	}

	static void awaitAnswer(Path socket, String name) throws Exception {
		await(() -> name.equals(curl("-s", "--unix-socket", socket.toString(), "http://localhost/instance")) ? name
				: null);
	}

	static void awaitTcpAnswer(int port, String name) throws Exception {
		await(() -> name.equals(curl("-s", "http://127.0.0.1:" + port + "/instance")) ? name : null);
	}

	static String mode(Path path) throws Exception {
		return run("stat", "-c", "%A %U %G", path.toString());
	}

	static String curl(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("curl", "--max-time", "60"));
		command.addAll(List.of(args));
		return run(command.toArray(String[]::new));
	}

	static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(90, TimeUnit.SECONDS);
		return output.trim();
	}

	static <T> T await(Check<T> check) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (Instant.now().isBefore(deadline)) {
			T value = check.get();
			if (value != null) {
				return value;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("Not there after 120 s");
	}

	static boolean onPath(String command) {
		return Stream.of(System.getenv("PATH").split(":")).anyMatch((dir) -> Files.isExecutable(Path.of(dir, command)));
	}

	// The test classpath copied where every user can read it (the Maven repository is
	// root's)
	static Path readableClasspath() throws IOException, InterruptedException {
		Path target = Files.createTempDirectory("lfp-classpath");
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		int index = 0;
		for (String entry : classpath.split(":")) {
			Path source = Path.of(entry);
			if (Files.isRegularFile(source) && entry.endsWith(".jar")) {
				Files.copy(source, target.resolve((index++) + "-" + source.getFileName()),
						StandardCopyOption.REPLACE_EXISTING);
			}
			else if (Files.isDirectory(source) && !entry.contains("test-classes")) {
				Path jar = target.resolve((index++) + "-classes.jar");
				new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jar").toString(), "cf",
						jar.toString(), "-C", entry, ".")
					.inheritIO()
					.start()
					.waitFor();
			}
		}
		new ProcessBuilder("chmod", "-R", "a+rX", target.toString()).start().waitFor();
		return target;
	}

	@FunctionalInterface
	interface Check<T> {

		T get() throws Exception;

	}

}
