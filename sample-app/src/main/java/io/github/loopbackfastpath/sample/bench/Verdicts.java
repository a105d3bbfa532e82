package io.github.loopbackfastpath.sample.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the bench's comparisons say, in plain lines: per stack and mode, which workloads a
 * mode helps, which it slows down, and which show no difference beyond noise; and how
 * much of the bare AF_UNIX channel's bulk gain each stack keeps.
 *
 * @author Loopback Fast Path contributors
 */
final class Verdicts {

	private Verdicts() {
	}

	/**
	 * For each stack, the share of the bare AF_UNIX channel's bulk gain over TCP that the
	 * stack's AF_UNIX bulk transfers keep, on a log scale (a stack as fast as the bare
	 * channel keeps 100%, one as fast as TCP 0%). Only where the bare channel is faster
	 * beyond noise.
	 * @param results the comparisons, per workload
	 * @return one line per stack
	 */
	static List<String> bulkGainKept(Map<WorkloadName, Comparison> results) {
		Comparison bare = results.get(new WorkloadName("JDK channels", "bulk (1 MiB)"));
		Ratio bareRatio = (bare != null) ? bare.ratios().get(Mode.UNIX_DOMAIN) : null;
		if (bareRatio == null || !bareRatio.beyondNoise() || bareRatio.ratio() <= 1) {
			return List.of();
		}
		List<String> lines = new ArrayList<>();
		results.forEach((name, comparison) -> {
			Ratio ratio = comparison.ratios().get(Mode.UNIX_DOMAIN);
			if (name.workload().equals("bulk (1 MiB)") && !name.stack().equals("JDK channels") && ratio != null) {
				lines.add(String.format(Locale.ROOT, "%s: %.3fx of the bare channel's %.3fx, %.0f%% of the gain",
						name.stack(), ratio.ratio(), bareRatio.ratio(),
						100 * Math.log(ratio.ratio()) / Math.log(bareRatio.ratio())));
			}
		});
		return lines;
	}

	/**
	 * One plain line per stack and mode: which workloads the mode helps, which it slows
	 * down, and which show no difference beyond noise.
	 * @param results the comparisons, per workload
	 * @return the lines
	 */
	static List<String> verdicts(Map<WorkloadName, Comparison> results) {
		Map<String, Map<Mode, Map<String, List<String>>>> byStack = new LinkedHashMap<>();
		results.forEach((name, comparison) -> {
			String stack = name.stack();
			String workload = name.workload();
			comparison.ratios().forEach((mode, ratio) -> {
				if (mode == Mode.TCP_AGAIN) {
					return;
				}
				String verdict = !ratio.beyondNoise() ? "no difference beyond noise"
						: (ratio.ratio() > 1) ? "helps" : "is slower";
				byStack.computeIfAbsent(stack, (key) -> new LinkedHashMap<>())
					.computeIfAbsent(mode, (key) -> new LinkedHashMap<>())
					.computeIfAbsent(verdict, (key) -> new ArrayList<>())
					.add(workload);
			});
		});
		List<String> lines = new ArrayList<>();
		byStack.forEach((stack, modes) -> modes.forEach((mode, verdicts) -> {
			List<String> parts = new ArrayList<>();
			verdicts.forEach((verdict, workloads) -> parts
				.add(verdict.equals("no difference beyond noise") ? String.join(", ", workloads) + ": " + verdict
						: mode.label() + " " + verdict + " " + String.join(", ", workloads)));
			lines.add(stack + ": " + String.join("; ", parts));
		}));
		return lines;
	}

}
