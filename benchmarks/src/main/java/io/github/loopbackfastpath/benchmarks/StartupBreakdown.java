package io.github.loopbackfastpath.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.loopbackfastpath.benchmarks.StartupBenchmark.Variant;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.metrics.StartupStep;
import org.springframework.util.FileSystemUtils;

/**
 * Where a mode's start-up time goes, by measures that do not ride on the whole start's
 * wall clock: the same application and variants as {@link StartupBenchmark}, each start
 * run by a probe that gives Spring Boot a buffering {@code ApplicationStartup} and a bean
 * factory that times its by-type lookups, and reports, up to
 * {@code ApplicationStartedEvent}:
 * <ul>
 * <li>the bean definitions and the classes loaded;</li>
 * <li>the by-type lookups ({@code getBeanNamesForType}: conditions such as
 * {@code @ConditionalOnMissingBean} and injection), the starter's types and the
 * others';</li>
 * <li>the own time (less nested steps) of the starter's beans, of all
 * {@code @ConfigurationProperties} beans (whose first binding costs most, whichever it
 * is), and of all beans.</li>
 * </ul>
 * Each line is the median over the rounds and the difference of means to the starter with
 * everything off with its 95% interval (Welch's t, unpaired).
 * <p>
 * Usage: {@code StartupBreakdown <application jar> [rounds] [variant ...]}, the variants
 * as {@link StartupBenchmark}'s; by default {@code off ioctl same-host}.
 *
 * @author Loopback Fast Path contributors
 */
public final class StartupBreakdown {

	private StartupBreakdown() {
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args[0]);
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 8;
		List<Variant> variants = (args.length > 2) ? Stream.of(args).skip(2).map(Variant::named).toList()
				: List.of(Variant.OFF, Variant.IOCTL, Variant.SAME_HOST);
		Path directory = Files.createTempDirectory("startup-breakdown");
		try {
			run(jar, rounds, variants, directory);
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
	}

	private static void run(Path jar, int rounds, List<Variant> variants, Path directory) throws Exception {
		String mainClass = StartupBenchmark.unpack(jar, directory);
		List<String> classPath = new ArrayList<>();
		classPath.add(copyProbe(directory.resolve("probe")).toString());
		classPath.addAll(StartupBenchmark.classPath(directory, true));
		System.out.printf(Locale.ROOT, "Start-up breakdown of %s, %d rounds, JDK %s, %d processors%n",
				jar.getFileName(), rounds, Runtime.version(), Runtime.getRuntime().availableProcessors());
		Map<Variant, Map<String, DescriptiveStatistics>> results = new EnumMap<>(Variant.class);
		List<Variant> order = new ArrayList<>(variants);
		for (int round = 0; round < rounds; round++) {
			Collections.rotate(order, 1);
			for (Variant variant : order) {
				Map<String, DescriptiveStatistics> measures = results.computeIfAbsent(variant,
						(key) -> new LinkedHashMap<>());
				start(mainClass, classPath, variant, directory).forEach((key,
						value) -> measures.computeIfAbsent(key, (name) -> new DescriptiveStatistics()).addValue(value));
			}
			System.out.printf(Locale.ROOT, "round %d of %d%n", round + 1, rounds);
		}
		Map<String, DescriptiveStatistics> off = results.get(Variant.OFF);
		for (Variant variant : variants) {
			System.out.printf(Locale.ROOT, "%n%s%n", variant.label);
			results.get(variant).forEach((key, values) -> {
				String difference = (off != null && variant != Variant.OFF && off.containsKey(key) && rounds > 1)
						? difference(values, off.get(key)) : "";
				System.out.printf(Locale.ROOT, "  %-32s %10.1f  %s%n", key, values.getPercentile(50), difference);
			});
		}
	}

	// Difference of means, 95% interval (Welch's t)
	private static String difference(DescriptiveStatistics values, DescriptiveStatistics baseline) {
		double a = values.getVariance() / values.getN();
		double b = baseline.getVariance() / baseline.getN();
		double degrees = (a + b) * (a + b)
				/ (a * a / (values.getN() - 1) + b * b / (baseline.getN() - 1) + Double.MIN_VALUE);
		double half = new TDistribution(Math.max(1, degrees)).inverseCumulativeProbability(0.975) * Math.sqrt(a + b);
		double mean = values.getMean() - baseline.getMean();
		return String.format(Locale.ROOT, "%+.1f [%+.1f, %+.1f] vs everything off", mean, mean - half, mean + half);
	}

	// The probe's classes in a directory of their own, first on the application's path
	private static Path copyProbe(Path directory) throws IOException {
		for (Class<?> type : List.of(Probe.class, Probe.TimedBeanFactory.class)) {
			String name = type.getName().replace('.', '/') + ".class";
			Path target = directory.resolve(name);
			Files.createDirectories(target.getParent());
			try (InputStream content = StartupBreakdown.class.getClassLoader().getResourceAsStream(name)) {
				Files.copy(content, target);
			}
		}
		return directory;
	}

	private static Map<String, Double> start(String mainClass, List<String> classPath, Variant variant, Path directory)
			throws IOException, InterruptedException {
		List<String> command = StartupBenchmark.command(classPath, variant, directory, Probe.class.getName(),
				mainClass);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Map<String, Double> measures = new LinkedHashMap<>();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				if (line.startsWith(Probe.PREFIX)) {
					String[] parts = line.substring(Probe.PREFIX.length()).split(" ");
					measures.put(parts[0], Double.parseDouble(parts[1]));
				}
			}
		}
		finally {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		if (measures.isEmpty()) {
			throw new IllegalStateException(variant.label + ": the probe reported nothing");
		}
		return measures;
	}

	/**
	 * Runs the application's main class with a buffering start-up and a timing bean
	 * factory, reports and closes it. Runs in the application's JVM, on its class path:
	 * nothing here but Spring.
	 */
	public static final class Probe {

		static final String PREFIX = "BREAKDOWN ";

		private static final String STARTER = "loopbackfastpath";

		private Probe() {
		}

		public static void main(String[] args) throws Exception {
			SpringApplication application = new SpringApplication(Class.forName(args[0]));
			BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
			application.setApplicationStartup(startup);
			TimedBeanFactory beanFactory = new TimedBeanFactory();
			application.setApplicationContextFactory((type) -> withBeanFactory(type, beanFactory));
			Instant[] started = new Instant[1];
			int[] classes = new int[1];
			application.addListeners((event) -> {
				if (event instanceof ApplicationStartedEvent && started[0] == null) {
					started[0] = Instant.now();
					classes[0] = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
					beanFactory.stop();
				}
			});
			try (ConfigurableApplicationContext context = application
				.run(List.of(args).subList(1, args.length).toArray(String[]::new))) {
				report("definitions", context.getBeanDefinitionCount());
				report("classes", classes[0]);
				report("lookups.starter.count", beanFactory.starterCount);
				report("lookups.starter.ms", beanFactory.starterNanos / 1e6);
				report("lookups.other.count", beanFactory.otherCount);
				report("lookups.other.ms", beanFactory.otherNanos / 1e6);
				ownTimes(startup.getBufferedTimeline().getEvents(), started[0],
						Set.of(context.getBeanNamesForAnnotation(ConfigurationProperties.class)));
			}
		}

		// The context Spring Boot would make for the application, with the timing factory
		private static ConfigurableApplicationContext withBeanFactory(org.springframework.boot.WebApplicationType type,
				DefaultListableBeanFactory beanFactory) {
			ConfigurableApplicationContext context = ApplicationContextFactory.DEFAULT.create(type);
			try {
				return context.getClass().getConstructor(DefaultListableBeanFactory.class).newInstance(beanFactory);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("No constructor with a bean factory: " + context.getClass(), ex);
			}
		}

		private static void ownTimes(List<TimelineEvent> events, Instant started, Set<String> properties) {
			Map<Long, Long> nested = new HashMap<>();
			for (TimelineEvent event : events) {
				Long parent = event.getStartupStep().getParentId();
				if (parent != null) {
					nested.merge(parent, event.getDuration().toNanos(), Long::sum);
				}
			}
			Map<String, Long> sums = new TreeMap<>();
			int starterBeans = 0;
			for (TimelineEvent event : events) {
				StartupStep step = event.getStartupStep();
				if (!step.getName().startsWith("spring.beans.") || !event.getStartTime().isBefore(started)) {
					continue;
				}
				long own = event.getDuration().toNanos() - nested.getOrDefault(step.getId(), 0L);
				String name = tag(step, "beanName");
				sums.merge("beans.all.ms", own, Long::sum);
				if (properties.contains(name)) {
					sums.merge("beans.properties.ms", own, Long::sum);
				}
				else if (name.startsWith("loopbackFastPath") || name.contains(STARTER)
						|| tag(step, "beanType").contains(STARTER)) {
					sums.merge("beans.starter.ms", own, Long::sum);
					starterBeans++;
				}
			}
			report("beans.starter.steps", starterBeans);
			sums.forEach((key, nanos) -> report(key, nanos / 1e6));
		}

		private static String tag(StartupStep step, String key) {
			for (StartupStep.Tag tag : step.getTags()) {
				if (tag.getKey().equals(key)) {
					return tag.getValue();
				}
			}
			return "";
		}

		private static void report(String key, double value) {
			System.out.printf(Locale.ROOT, PREFIX + "%s %.3f%n", key, value);
		}

		/**
		 * Times each outermost by-type lookup until stopped.
		 */
		static final class TimedBeanFactory extends DefaultListableBeanFactory {

			private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

			private volatile boolean stopped;

			long starterCount;

			long starterNanos;

			long otherCount;

			long otherNanos;

			void stop() {
				this.stopped = true;
			}

			@Override
			public String[] getBeanNamesForType(ResolvableType type, boolean includeNonSingletons,
					boolean allowEagerInit) {
				return timed(type.toString(),
						() -> super.getBeanNamesForType(type, includeNonSingletons, allowEagerInit));
			}

			@Override
			public String[] getBeanNamesForType(Class<?> type, boolean includeNonSingletons, boolean allowEagerInit) {
				return timed(String.valueOf(type),
						() -> super.getBeanNamesForType(type, includeNonSingletons, allowEagerInit));
			}

			// Only the outermost lookup counts: one calls the other
			private String[] timed(String type, Supplier<String[]> lookup) {
				int[] nesting = this.depth.get();
				long start = System.nanoTime();
				nesting[0]++;
				try {
					return lookup.get();
				}
				finally {
					nesting[0]--;
					record(nesting[0], type, System.nanoTime() - start);
				}
			}

			private synchronized void record(int nesting, String type, long nanos) {
				if (nesting > 0 || this.stopped) {
					return;
				}
				if (type.contains(STARTER)) {
					this.starterCount++;
					this.starterNanos += nanos;
				}
				else {
					this.otherCount++;
					this.otherNanos += nanos;
				}
			}

		}

	}

}
