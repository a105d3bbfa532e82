package io.github.loopbackfastpath.sample.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.platform.detect.SocketPlatforms;
import io.github.loopbackfastpath.registry.SocketRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench mode on a small workload: every workload runs in every mode this machine has,
 * over real loopback sockets, and each ratio to TCP comes with its confidence interval.
 * Numbers are printed, never asserted.
 */
class LoopbackBenchTests {

	@Test
	@EnabledOnOs(value = OS.LINUX, disabledReason = "Linux has AF_UNIX and no SIO_LOOPBACK_FAST_PATH")
	void comparesEveryModeOfThisMachineWithConfidenceIntervals() throws Exception {
		FastPathEngine fastPath = new FastPathEngine(SocketPlatforms.detect(), ChannelHandles.detect(),
				new SocketRegistry(16), true, true);
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		Map<WorkloadName, Comparison> results = new LoopbackBench(fastPath, new BenchSettings(3, 50, 2, 10, 0, 0, 0),
				new PrintStream(output, true, StandardCharsets.UTF_8))
			.run();
		assertThat(results).containsOnlyKeys(new WorkloadName("JDK channels", "small (128 B)"),
				new WorkloadName("JDK channels", "bulk (1 MiB)"), new WorkloadName("JDK channels", "connection"));
		results.values().forEach((comparison) -> {
			assertThat(comparison.results()).containsOnlyKeys(Mode.TCP, Mode.TCP_AGAIN, Mode.UNIX_DOMAIN);
			assertThat(comparison.ratios()).containsOnlyKeys(Mode.TCP_AGAIN, Mode.UNIX_DOMAIN);
			comparison.ratios().values().forEach((ratio) -> {
				assertThat(ratio.rounds()).isEqualTo(3);
				assertThat(ratio.low()).isLessThanOrEqualTo(ratio.ratio());
				assertThat(ratio.high()).isGreaterThanOrEqualTo(ratio.ratio());
			});
		});
		assertThat(results.get(new WorkloadName("JDK channels", "small (128 B)"))
			.results()
			.get(Mode.UNIX_DOMAIN)
			.operations()).isEqualTo(3 * 50);
		assertThat(results.get(new WorkloadName("JDK channels", "bulk (1 MiB)")).results().get(Mode.TCP).bytes())
			.isEqualTo(3 * 2L * 2 * 1024 * 1024);
		assertThat(results.get(new WorkloadName("JDK channels", "connection"))
			.results()
			.get(Mode.TCP_AGAIN)
			.histogram()
			.getTotalCount()).isEqualTo(3 * 10);
		assertThat(fastPath.registry().totals().values()).as("no ioctl mode where the OS has none").containsOnly(0L);
		String report = output.toString(StandardCharsets.UTF_8);
		assertThat(report).contains("tcp (A/A)").contains("AF_UNIX").contains("95% CI").contains("[");
		assertThat(report).as("progress while it runs")
			.contains("JDK channels small (128 B): round 1 of 3, about")
			.contains("JDK channels connection: round 3 of 3, about 0 s left");
		assertThat(report).contains("Verdict, per path").contains("  JDK channels: ");
	}

	@Test
	@EnabledOnOs(value = OS.LINUX, disabledReason = "Linux has AF_UNIX and no SIO_LOOPBACK_FAST_PATH")
	void writesEveryLineAsJsonAndAChartOfTheRatiosBesideIt(@TempDir Path temp) throws Exception {
		FastPathEngine fastPath = new FastPathEngine(SocketPlatforms.detect(), ChannelHandles.detect(),
				new SocketRegistry(16), true, true);
		BenchSettings settings = new BenchSettings(3, 50, 2, 10, 0, 0, 0);
		Map<WorkloadName, Comparison> results = new LoopbackBench(fastPath, settings,
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
			.run();
		Path json = temp.resolve("reports/bench.json");
		Path chart = BenchReport.write(json, settings, results);
		DocumentContext report = JsonPath.parse(json.toFile());
		List<Map<String, Object>> lines = report.read("$.lines[*]");
		assertThat(lines).hasSize(9)
			.allSatisfy((line) -> assertThat(line).containsKeys("stack", "workload", "mode", "p50Micros", "p99Micros",
					"operationsPerSecond", "bytesPerSecond", "ratio", "verdict"));
		List<Map<String, Object>> unixDomain = report
			.read("$.lines[?(@.workload == 'small (128 B)' && @.mode == 'AF_UNIX')]");
		assertThat(unixDomain).singleElement()
			.satisfies((line) -> assertThat(((Number) line.get("low")).doubleValue())
				.isLessThanOrEqualTo(((Number) line.get("ratio")).doubleValue()));
		assertThat(report.read("$.machine.processors", Integer.class)).isPositive();
		assertThat(report.read("$.machine.jdk", String.class)).isEqualTo(Runtime.version().toString());
		assertThat(report.read("$.settings.rounds", Integer.class)).isEqualTo(3);
		assertThat(report.read("$.verdicts[0]", String.class)).startsWith("JDK channels: ");
		assertThat(chart).hasFileName("bench.json.png");
		byte[] png = Files.readAllBytes(chart);
		assertThat(png).startsWith(0x89, 'P', 'N', 'G');
		assertThat(png.length).as("a drawn chart, not an empty image").isGreaterThan(5_000);
	}

	@Test
	void theVerdictSaysPerStackWhatTheModeHelpsAndWhatIsNoise() {
		Map<WorkloadName, Comparison> results = new LinkedHashMap<>();
		results.put(new WorkloadName("webclient -> tomcat", "small (128 B)"), new Comparison(Map.of(), Map
			.of(Mode.TCP_AGAIN, new Ratio(1.0, 0.98, 1.02, 20), Mode.UNIX_DOMAIN, new Ratio(1.01, 0.99, 1.03, 20))));
		results.put(new WorkloadName("webclient -> tomcat", "connection"), new Comparison(Map.of(),
				Map.of(Mode.TCP_AGAIN, new Ratio(1.0, 0.9, 1.1, 20), Mode.UNIX_DOMAIN, new Ratio(1.2, 1.1, 1.3, 20))));
		results.put(new WorkloadName("restclient -> tomcat", "bulk (1 MiB)"),
				new Comparison(Map.of(), Map.of(Mode.UNIX_DOMAIN, new Ratio(0.8, 0.7, 0.9, 20))));
		assertThat(Verdicts.verdicts(results)).containsExactly(
				"webclient -> tomcat: small (128 B): no difference beyond noise; AF_UNIX helps connection",
				"restclient -> tomcat: AF_UNIX is slower bulk (1 MiB)");
	}

	@Test
	void eachStackSaysHowMuchOfTheBareChannelsBulkGainItKeeps() {
		Map<WorkloadName, Comparison> results = new LinkedHashMap<>();
		results.put(new WorkloadName("JDK channels", "bulk (1 MiB)"),
				new Comparison(Map.of(), Map.of(Mode.UNIX_DOMAIN, new Ratio(2.0, 1.8, 2.2, 20))));
		results.put(new WorkloadName("webclient -> tomcat", "bulk (1 MiB)"),
				new Comparison(Map.of(), Map.of(Mode.UNIX_DOMAIN, new Ratio(Math.sqrt(2), 1.3, 1.5, 20))));
		results.put(new WorkloadName("webclient -> tomcat", "small (128 B)"),
				new Comparison(Map.of(), Map.of(Mode.UNIX_DOMAIN, new Ratio(1.1, 1.05, 1.15, 20))));
		assertThat(Verdicts.bulkGainKept(results))
			.containsExactly("webclient -> tomcat: 1.414x of the bare channel's 2.000x, 50% of the gain");
		results.put(new WorkloadName("JDK channels", "bulk (1 MiB)"),
				new Comparison(Map.of(), Map.of(Mode.UNIX_DOMAIN, new Ratio(1.1, 0.9, 1.3, 20))));
		assertThat(Verdicts.bulkGainKept(results)).as("no gain beyond noise to keep").isEmpty();
	}

	@Test
	void intervalThatContainsOneIsNoDifferenceBeyondNoise() {
		Ratio noise = new Ratio(1.02, 0.95, 1.09, 10);
		assertThat(noise.beyondNoise()).isFalse();
		assertThat(noise.describe()).contains("no difference beyond noise");
		Ratio faster = new Ratio(1.30, 1.21, 1.40, 10);
		assertThat(faster.beyondNoise()).isTrue();
		assertThat(faster.describe()).isEqualTo("1.300x [1.210, 1.400] faster");
		assertThat(new Ratio(0.8, 0.7, 0.9, 10).describe()).endsWith("slower");
	}

}
