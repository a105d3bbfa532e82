package io.github.loopbackfastpath.wine;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Wine from Debian's packages: a real Winsock, with this machine's sockets under it.
 * Finds the {@code wine} command, creates a headless prefix on first use, and turns Linux
 * paths into the {@code Z:} paths Windows programs see.
 */
final class Wine {

	/**
	 * Set to {@code true} (as CI does) to make a missing Wine a failure instead of a
	 * skip.
	 */
	static final String REQUIRE_WINE = "LOOPBACK_FAST_PATH_REQUIRE_WINE";

	private final Path wine;

	private final Path prefix;

	private Wine(Path wine, Path prefix) {
		this.wine = wine;
		this.prefix = prefix;
	}

	/**
	 * The {@code wine} command on the PATH.
	 * @return the command, if Wine is installed
	 */
	static Optional<Path> find() {
		String path = System.getenv().getOrDefault("PATH", "");
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "wine");
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * Wine with a prefix of its own, created headless if it does not exist yet.
	 * @param wine the {@code wine} command
	 * @param prefix the prefix directory
	 * @return Wine, ready to run programs
	 * @throws Exception if the prefix cannot be created
	 */
	static Wine withPrefix(Path wine, Path prefix) throws Exception {
		Wine result = new Wine(wine, prefix);
		if (!Files.exists(prefix.resolve("system.reg"))) {
			Files.createDirectories(prefix);
			Process boot = result.start(List.of(wine.resolveSibling("wineboot").toString(), "-i"), null);
			if (!boot.waitFor(5, TimeUnit.MINUTES) || boot.exitValue() != 0) {
				throw new IllegalStateException("wineboot -i failed in " + prefix);
			}
		}
		return result;
	}

	/**
	 * Start a Windows program.
	 * @param program the Windows program (a Linux path)
	 * @param arguments its arguments
	 * @param log where its output goes, or {@code null} to discard it
	 * @return the process
	 * @throws IOException if it cannot be started
	 */
	Process run(Path program, List<String> arguments, Path log) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(this.wine.toString());
		command.add(program.toString());
		command.addAll(arguments);
		return start(command, log);
	}

	/**
	 * The Windows build number as Wine itself reports it ({@code ver}), independently of
	 * the starter.
	 * @return the build number
	 * @throws Exception if {@code ver} cannot be run or read
	 */
	int windowsBuild() throws Exception {
		Process ver = start(List.of(this.wine.toString(), "cmd", "/c", "ver"), null);
		String output = new String(ver.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		ver.waitFor(1, TimeUnit.MINUTES);
		Matcher matcher = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)").matcher(output);
		if (!matcher.find()) {
			throw new IllegalStateException("Unexpected output of 'wine cmd /c ver': " + output);
		}
		return Integer.parseInt(matcher.group(3));
	}

	/**
	 * Stop every Windows process of the prefix.
	 */
	void killAll() {
		try {
			Process kill = start(List.of(this.wine.resolveSibling("wineserver").toString(), "-k"), null);
			kill.waitFor(1, TimeUnit.MINUTES);
		}
		catch (Exception ex) {
			// Nothing left to stop
		}
	}

	/**
	 * The path a Windows program sees for a Linux path.
	 * @param path a Linux path
	 * @return the {@code Z:} path
	 */
	static String windowsPath(Path path) {
		return "Z:" + path.toAbsolutePath().normalize().toString().replace('/', '\\');
	}

	/**
	 * Find the {@code java.exe} of an unpacked Windows JRE.
	 * @param jreDir the directory the JRE was unpacked into
	 * @return the {@code java.exe}
	 * @throws IOException if there is none
	 */
	static Path javaExe(Path jreDir) throws IOException {
		try (Stream<Path> files = Files.walk(jreDir, 4)) {
			return files.filter((file) -> file.endsWith(Path.of("jre", "bin", "java.exe")))
				.findFirst()
				.orElseThrow(() -> new IOException("No jre/bin/java.exe under " + jreDir));
		}
	}

	private Process start(List<String> command, Path log) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command);
		Map<String, String> environment = builder.environment();
		environment.put("WINEPREFIX", this.prefix.toString());
		environment.put("WINEDEBUG", "-all");
		environment.put("WINEDLLOVERRIDES", "mscoree,mshtml=");
		environment.remove("DISPLAY");
		builder.redirectErrorStream(true);
		if (log != null) {
			builder.redirectOutput(log.toFile());
		}
		return builder.start();
	}

}
