package io.github.loopbackfastpath.sample.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bench's results as a file ({@code --bench.report=<file>}): every line of the report
 * (stack, workload, mode, p50, p99, throughput, ratio to {@code tcp}, its 95% interval
 * and the verdict) with the machine, the JDK and the OS, as JSON; and beside it
 * ({@code <file>.png}) a chart of the ratios with their intervals, one row per stack and
 * workload, the {@code tcp (A/A)} interval drawn beside each mode's, and the line at 1
 * ({@code tcp}) marked. Jackson writes the JSON, JFreeChart draws the chart.
 *
 * @author Loopback Fast Path contributors
 */
final class BenchReport {

	private static final double MIN_RATIO = 0.25;

	private static final double MAX_RATIO = 4;

	private BenchReport() {
	}

	/**
	 * Write the report and its chart.
	 * @param file the JSON file; the chart goes beside it, with {@code .png} appended
	 * @param settings the workload sizes
	 * @param results the comparisons, per workload
	 * @return the chart's file
	 * @throws IOException if they cannot be written
	 */
	static Path write(Path file, BenchSettings settings, Map<WorkloadName, Comparison> results) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		JsonMapper.builder()
			.build()
			.writerWithDefaultPrettyPrinter()
			.writeValue(file.toFile(), report(settings, results));
		Path chart = file.resolveSibling(file.getFileName() + ".png");
		ChartUtils.saveChartAsPNG(chart.toFile(), chart(results), 1000, 120 + 34 * results.size());
		return chart;
	}

	static Report report(BenchSettings settings, Map<WorkloadName, Comparison> results) {
		List<Line> lines = new ArrayList<>();
		results.forEach((name, comparison) -> comparison.results().forEach((mode, result) -> {
			Ratio ratio = comparison.ratios().get(mode);
			lines.add(new Line(name.stack(), name.workload(), mode.label(), result.p50Micros(), result.p99Micros(),
					result.operationsPerSecond(), result.bytesPerSecond(), (ratio != null) ? ratio.ratio() : 1.0,
					(ratio != null) ? finite(ratio.low()) : null, (ratio != null) ? finite(ratio.high()) : null,
					(ratio != null) ? ratio.describe() : "baseline"));
		}));
		Runtime runtime = Runtime.getRuntime();
		Machine machine = new Machine(System.getProperty("os.name"), System.getProperty("os.version"),
				System.getProperty("os.arch"), runtime.availableProcessors(), Runtime.version().toString(),
				System.getProperty("java.vm.name"));
		return new Report(Instant.now().toString(), machine, settings, lines, Verdicts.verdicts(results));
	}

	private static JFreeChart chart(Map<WorkloadName, Comparison> results) {
		List<WorkloadName> rows = new ArrayList<>(results.keySet());
		Map<Mode, Number[]> lows = new LinkedHashMap<>();
		Map<Mode, Number[]> highs = new LinkedHashMap<>();
		for (int row = 0; row < rows.size(); row++) {
			Comparison comparison = results.get(rows.get(row));
			for (Map.Entry<Mode, Ratio> entry : comparison.ratios().entrySet()) {
				Ratio ratio = entry.getValue();
				lows.computeIfAbsent(entry.getKey(), (mode) -> new Number[rows.size()])[row] = Double.isNaN(ratio.low())
						? ratio.ratio() : ratio.low();
				highs.computeIfAbsent(entry.getKey(), (mode) -> new Number[rows.size()])[row] = Double
					.isNaN(ratio.high()) ? ratio.ratio() : ratio.high();
			}
		}
		List<Mode> modes = new ArrayList<>(lows.keySet());
		String[] series = modes.stream().map(Mode::label).toArray(String[]::new);
		String[] categories = rows.stream().map(WorkloadName::toString).toArray(String[]::new);
		Number[][] starts = modes.stream().map(lows::get).toArray(Number[][]::new);
		Number[][] ends = modes.stream().map(highs::get).toArray(Number[][]::new);
		// Ratios on a log scale, 1 in the middle; intervals wider than 1/4..4 (a run of
		// few
		// rounds) are cut at the edge
		double lowest = Math.max(MIN_RATIO, Math.min(0.8,
				lows.values().stream().flatMap(Arrays::stream).mapToDouble(Number::doubleValue).min().orElse(1)));
		double highest = Math.min(MAX_RATIO, Math.max(1.25,
				highs.values().stream().flatMap(Arrays::stream).mapToDouble(Number::doubleValue).max().orElse(1)));
		LogAxis axis = new LogAxis("throughput vs tcp, 95% interval (log scale)");
		axis.setBase(2);
		axis.setNumberFormatOverride(new DecimalFormat("0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)));
		axis.setRange(lowest, highest);
		CategoryPlot plot = new CategoryPlot(
				new DefaultIntervalCategoryDataset(series, categories, clamp(starts), clamp(ends)),
				new CategoryAxis("stack and workload"), axis, new IntervalBarRenderer());
		plot.setOrientation(PlotOrientation.HORIZONTAL);
		ValueMarker tcp = new ValueMarker(1.0);
		tcp.setLabel("tcp");
		plot.addRangeMarker(tcp);
		return new JFreeChart("Loopback bench: ratio to tcp (the tcp (A/A) bar is the noise floor)",
				JFreeChart.DEFAULT_TITLE_FONT, plot, true);
	}

	private static Number[][] clamp(Number[][] values) {
		return Arrays.stream(values)
			.map((row) -> Arrays.stream(row)
				.map((value) -> (value != null) ? Math.max(MIN_RATIO, Math.min(MAX_RATIO, value.doubleValue())) : null)
				.toArray(Number[]::new))
			.toArray(Number[][]::new);
	}

	private static @Nullable Double finite(double value) {
		return Double.isNaN(value) ? null : value;
	}

	/**
	 * The report.
	 *
	 * @param date when it was written
	 * @param machine where it ran
	 * @param settings the workload sizes
	 * @param lines every line of the table
	 * @param verdicts the verdict per path
	 */
	record Report(String date, Machine machine, BenchSettings settings, List<Line> lines, List<String> verdicts) {

	}

	/**
	 * The machine.
	 *
	 * @param os the OS
	 * @param osVersion its version
	 * @param arch the architecture
	 * @param processors the processors the JVM sees
	 * @param jdk the JDK's version
	 * @param vm the JVM
	 */
	record Machine(String os, String osVersion, String arch, int processors, String jdk, String vm) {

	}

	/**
	 * One line of the table.
	 *
	 * @param stack the client and server, or the JDK channels
	 * @param workload the workload
	 * @param mode the transport
	 * @param p50Micros the median latency
	 * @param p99Micros the 99th percentile
	 * @param operationsPerSecond the throughput in operations
	 * @param bytesPerSecond the throughput in bytes, 0 where it is counted in connections
	 * @param ratio the throughput ratio to {@code tcp}
	 * @param low the 95% interval's lower end, if there is one
	 * @param high its upper end
	 * @param verdict faster, slower, or no difference beyond noise
	 */
	record Line(String stack, String workload, String mode, double p50Micros, double p99Micros,
			double operationsPerSecond, double bytesPerSecond, double ratio, @Nullable Double low,
			@Nullable Double high, String verdict) {

	}

}
