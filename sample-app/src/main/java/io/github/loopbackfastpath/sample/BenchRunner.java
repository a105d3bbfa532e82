package io.github.loopbackfastpath.sample;

import io.github.loopbackfastpath.engine.FastPathEngine;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Runs {@link LoopbackBench} when the application is started with {@code --bench}, then
 * exits. Workload sizes can be changed with {@code --bench.rounds},
 * {@code --bench.small}, {@code --bench.bulk} and {@code --bench.connections}.
 *
 * @author Loopback Fast Path contributors
 */
@Component
class BenchRunner implements ApplicationRunner {

	private final ObjectProvider<FastPathEngine> fastPath;

	private final ConfigurableApplicationContext context;

	BenchRunner(ObjectProvider<FastPathEngine> fastPath, ConfigurableApplicationContext context) {
		this.fastPath = fastPath;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments arguments) throws Exception {
		if (!arguments.containsOption("bench")) {
			return;
		}
		FastPathEngine fastPath = this.fastPath.getIfAvailable();
		if (fastPath == null) {
			throw new IllegalStateException("The bench needs the loopback fast path starter and JNA");
		}
		LoopbackBench.Settings defaults = LoopbackBench.Settings.DEFAULT;
		LoopbackBench.Settings settings = new LoopbackBench.Settings(
				option(arguments, "bench.rounds", defaults.rounds()),
				option(arguments, "bench.small", defaults.smallRequests()),
				option(arguments, "bench.bulk", defaults.bulkRequests()),
				option(arguments, "bench.connections", defaults.connections()));
		new LoopbackBench(fastPath, settings, System.out).run();
		System.exit(SpringApplication.exit(this.context, () -> 0));
	}

	private static int option(ApplicationArguments arguments, String name, int defaultValue) {
		return arguments.containsOption(name) ? Integer.parseInt(arguments.getOptionValues(name).get(0)) : defaultValue;
	}

}
