package io.github.loopbackfastpath.benchmarks;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Draws the connection benchmark's JMH results (JSON) as a bar chart: microseconds per
 * connection, per benchmark and mode, with JMH's 99.9% error bars.
 *
 * @author Loopback Fast Path contributors
 */
public final class BenchmarkChart {

	private BenchmarkChart() {
	}

	public static void main(String[] args) throws Exception {
		JsonNode results = new ObjectMapper().readTree(new File(args[0]));
		Map<String, Map<String, double[]>> byMode = new LinkedHashMap<>();
		List<String> benchmarks = new ArrayList<>();
		for (JsonNode result : results) {
			String benchmark = result.get("benchmark").asText().replaceAll(".*\\.", "");
			if (!benchmark.equals("nioChannel") && !benchmark.equals("reactorNetty")) {
				continue;
			}
			String label = benchmark.equals("nioChannel") ? "JDK NIO channel" : "Reactor Netty TcpClient";
			if (!benchmarks.contains(label)) {
				benchmarks.add(label);
			}
			String mode = result.get("params").get("mode").asText();
			JsonNode metric = result.get("primaryMetric");
			byMode.computeIfAbsent(mode, (key) -> new LinkedHashMap<>())
				.put(label, new double[] { metric.get("score").asDouble(), metric.get("scoreError").asDouble() });
		}
		CategoryChart chart = new CategoryChartBuilder().width(900)
			.height(520)
			.title("Loopback connection: open + hook + connect + close")
			.xAxisTitle("client")
			.yAxisTitle("microseconds per connection (lower is better)")
			.build();
		chart.getStyler().setOverlapped(false);
		chart.getStyler().setErrorBarsColor(java.awt.Color.DARK_GRAY);
		for (Map.Entry<String, Map<String, double[]>> mode : byMode.entrySet()) {
			List<Double> scores = new ArrayList<>();
			List<Double> errors = new ArrayList<>();
			for (String benchmark : benchmarks) {
				double[] value = mode.getValue().get(benchmark);
				scores.add(value[0]);
				errors.add(Double.isNaN(value[1]) ? 0 : value[1]);
			}
			chart.addSeries(seriesName(mode.getKey()), benchmarks, scores, errors);
		}
		BitmapEncoder.saveBitmap(chart, args[1], BitmapEncoder.BitmapFormat.PNG);
		System.out.println("Wrote " + args[1] + ".png");
	}

	private static String seriesName(String mode) {
		return switch (mode) {
			case "off" -> "without the starter";
			case "hook" -> "with the starter's hook (this OS)";
			case "hook-native" -> "hook + one native call (as WSAIoctl on Windows)";
			default -> mode;
		};
	}

}
