package io.github.loopbackfastpath.grpc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Python's {@code grpcio} from Debian's {@code python3-grpcio}, a gRPC client nobody here
 * wrote: runs a script with Debian's own Python, which the package installs into. Where
 * it is missing the test is skipped, unless the root tests are required (CI), where that
 * fails.
 *
 * @author Loopback Fast Path contributors
 */
final class Grpcio {

	private static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

	private Grpcio() {
	}

	/**
	 * Run a Python script that uses {@code grpc}.
	 * @param script the script
	 * @param arguments its arguments ({@code sys.argv[1:]})
	 * @return what it printed, trimmed
	 * @throws Exception if it could not run
	 */
	static String run(String script, String... arguments) throws Exception {
		boolean installed = Files.isExecutable(DEBIAN_PYTHON)
				&& new ProcessBuilder(DEBIAN_PYTHON.toString(), "-c", "import grpc").start().waitFor() == 0;
		if (!installed && "true".equals(System.getenv("LOOPBACK_FAST_PATH_REQUIRE_ROOT_TESTS"))) {
			throw new IllegalStateException("Debian's python3-grpcio is needed (apt-get install python3-grpcio)");
		}
		assumeTrue(installed, "Debian's python3-grpcio is not installed");
		List<String> command = new ArrayList<>(List.of(DEBIAN_PYTHON.toString(), "-c", script));
		command.addAll(List.of(arguments));
		Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return output;
	}

}
