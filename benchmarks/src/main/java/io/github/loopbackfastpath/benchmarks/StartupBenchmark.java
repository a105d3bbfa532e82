package io.github.loopbackfastpath.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import org.springframework.util.FileSystemUtils;

/**
 * What the starter costs at start-up: the plain application (Jetty, Actuator, WebClient,
 * RestClient), unpacked from its jar, started again and again in fresh JVMs, in five
 * variants that take turns in rotating order: without the starter on the class path
 * (twice: the second is the A/A line), with it but everything off, with the ioctl on,
 * with the same-host mode on. The time is the JVM's uptime when Spring Boot logs
 * "Started" ({@code process running for}). Each variant's ratio to the application
 * without the starter is the geometric mean of the per-round ratios with its 95% interval
 * (Student's t); with the starter on the class path, each mode's ratio to the starter
 * with everything off too. Each ratio also shows the spread of the per-round ratios (the
 * standard deviation of their logarithm) and the half-width of the interval a run of 10
 * rounds would have with that spread: what one such run can tell apart.
 * <p>
 * Usage: {@code StartupBenchmark <plain-app jar> [rounds] [variant ...]}, the variants by
 * name ({@code without}, {@code without-again}, {@code off}, {@code off-again}: the A/A
 * line of "everything off", {@code ioctl}, {@code same-host}); by default the five above,
 * without {@code off-again}.
 *
 * @author Loopback Fast Path contributors
 */
public final class StartupBenchmark {

	private static final Pattern STARTED = Pattern
		.compile("Started \\w+ in [\\d.]+ seconds \\(process running for ([\\d.]+)\\)");

	private StartupBenchmark() {
	}

	enum Variant {

		WITHOUT("without the starter", false), WITHOUT_AGAIN("without the starter (A/A)", false),
		OFF("starter, everything off", true, "--loopback.fast-path.enabled=false"),
		OFF_AGAIN("starter, everything off (A/A)", true, "--loopback.fast-path.enabled=false"),
		IOCTL("starter, ioctl on", true, "--loopback.fast-path.enabled=true"), SAME_HOST("starter, same-host mode on",
				true, "--loopback.fast-path.enabled=false", "--loopback.fast-path.unix-domain.enabled=true");

		final String label;

		final boolean starter;

		final List<String> arguments;

		Variant(String label, boolean starter, String... arguments) {
			this.label = label;
			this.starter = starter;
			this.arguments = List.of(arguments);
		}

		// As named on the command line: same-host for SAME_HOST
		static Variant named(String name) {
			return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
		}

	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args[0]);
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 20;
		List<Variant> variants = (args.length > 2) ? Stream.of(args).skip(2).map(Variant::named).toList()
				: Stream.of(Variant.values()).filter((variant) -> variant != Variant.OFF_AGAIN).toList();
		Path unpacked = Files.createTempDirectory("startup-bench");
		try {
			run(jar, rounds, variants, unpacked);
		}
		finally {
			FileSystemUtils.deleteRecursively(unpacked);
		}
	}

	private static void run(Path jar, int rounds, List<Variant> variants, Path unpacked) throws Exception {
		String mainClass = unpack(jar, unpacked);
		List<String> all = classPath(unpacked, true);
		List<String> without = classPath(unpacked, false);
		List<Variant> order = new ArrayList<>(variants);
		System.out.printf(Locale.ROOT, "Start-up of %s, %d rounds after one warm-up, JDK %s, %d processors%n",
				jar.getFileName(), rounds, Runtime.version(), Runtime.getRuntime().availableProcessors());
		Map<Variant, List<Double>> seconds = new EnumMap<>(Variant.class);
		for (int round = -1; round < rounds; round++) {
			Collections.rotate(order, 1);
			for (Variant variant : order) {
				double started = start(mainClass, variant.starter ? all : without, variant, unpacked);
				if (round >= 0) {
					seconds.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(started);
				}
			}
			System.out.printf(Locale.ROOT, "round %d of %d%n", round + 1, rounds);
		}
		System.out.printf(Locale.ROOT, "%n%-30s %12s %12s  %s%n", "variant", "median (s)", "mean (s)",
				"vs without the starter, 95% CI");
		List<Double> baseline = seconds.get(Variant.WITHOUT);
		for (Variant variant : variants) {
			List<Double> times = seconds.get(variant);
			SummaryStatistics stats = new SummaryStatistics();
			times.forEach(stats::addValue);
			String ratio = (variant == Variant.WITHOUT) ? "1" : (baseline != null) ? ratio(times, baseline) : "-";
			System.out.printf(Locale.ROOT, "%-30s %12.3f %12.3f  %s%n", variant.label, median(times), stats.getMean(),
					ratio);
		}
		// What a mode costs an application that has the starter already (issue 28's bar)
		List<Double> off = seconds.get(Variant.OFF);
		if (off != null) {
			System.out.printf(Locale.ROOT, "%n%-30s  %s%n", "variant", "vs the starter, everything off, 95% CI");
			for (Variant variant : variants) {
				if (variant.starter && variant != Variant.OFF) {
					System.out.printf(Locale.ROOT, "%-30s  %s%n", variant.label, ratio(seconds.get(variant), off));
				}
			}
		}
	}

	// Time ratio (above 1: slower start) as the geometric mean of the per-round ratios
	private static String ratio(List<Double> times, List<Double> baseline) {
		SummaryStatistics logs = new SummaryStatistics();
		for (int i = 0; i < times.size(); i++) {
			logs.addValue(Math.log(times.get(i) / baseline.get(i)));
		}
		double half = halfWidth(logs.getStandardDeviation(), logs.getN());
		double mean = logs.getMean();
		// What this machine can resolve: the rounds' spread, and the interval a run of
		// 10 rounds (issue 28's bar) would have with it
		double ten = halfWidth(logs.getStandardDeviation(), 10);
		return String.format(Locale.ROOT, "%.3fx [%.3f, %.3f] (%+.1f%%; spread %.1f%% a round, 10 rounds ±%.1f%%)",
				Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half), 100 * (Math.exp(mean) - 1),
				100 * logs.getStandardDeviation(), 100 * ten);
	}

	// Half-width of the 95% interval of a mean of that many rounds (Student's t)
	private static double halfWidth(double standardDeviation, long rounds) {
		return new TDistribution(rounds - 1).inverseCumulativeProbability(0.975) * standardDeviation
				/ Math.sqrt(rounds);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static double start(String mainClass, List<String> classPath, Variant variant, Path directory)
			throws IOException, InterruptedException {
		List<String> command = command(classPath, variant, directory, mainClass);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				Matcher matcher = STARTED.matcher(line);
				if (matcher.find()) {
					return Double.parseDouble(matcher.group(1));
				}
			}
			throw new IllegalStateException(variant.label + ": the application did not start");
		}
		finally {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	// A fresh JVM on that class path running the main class with the arguments given
	// (for the probe, the application's main class), the variant's properties after them
	static List<String> command(List<String> classPath, Variant variant, Path directory, String... main) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						String.join(java.io.File.pathSeparator, classPath)));
		command.addAll(List.of(main));
		command.addAll(List.of("--server.port=0",
				"--loopback.fast-path.unix-domain.directory=" + directory.resolve("sockets")));
		command.addAll(variant.arguments);
		return command;
	}

	// The jar's classes and libraries as a plain class path; its main class
	static String unpack(Path jar, Path directory) throws IOException {
		try (JarFile file = new JarFile(jar.toFile())) {
			for (var entry : Collections.list(file.entries())) {
				Path target = directory.resolve(entry.getName()).normalize();
				if (!target.startsWith(directory)) {
					throw new IOException("Entry outside the directory: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(target);
				}
				else {
					Files.createDirectories(target.getParent());
					Files.copy(file.getInputStream(entry), target);
				}
			}
			return file.getManifest().getMainAttributes().getValue("Start-Class");
		}
	}

	static List<String> classPath(Path directory, boolean withStarter) throws IOException {
		List<String> classPath = new ArrayList<>();
		classPath.add(directory.resolve("BOOT-INF/classes").toString());
		try (Stream<Path> libraries = Files.list(directory.resolve("BOOT-INF/lib"))) {
			libraries.map(Path::toString)
				.filter((library) -> withStarter
						|| !(library.contains("loopback-fast-path") || library.contains("/jna-")))
				.sorted()
				.forEach(classPath::add);
		}
		return classPath;
	}

}
