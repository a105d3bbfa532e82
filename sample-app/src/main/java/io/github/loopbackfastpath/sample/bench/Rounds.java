package io.github.loopbackfastpath.sample.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a workload's rounds: one warm-up, then {@code rounds} rounds in which round r runs
 * the modes starting at mode r (mod their number), and every other cycle of rounds in
 * reverse order, so that each mode is as often first, second, and so on, and follows each
 * other mode as often (what one mode leaves behind, in caches or event loops, weighs on
 * all alike); each round gives each mode's throughput ratio to tcp in that round.
 *
 * @author Loopback Fast Path contributors
 */
final class Rounds {

	private final int rounds;

	private final PrintStream out;

	Rounds(int rounds, PrintStream out) {
		this.rounds = rounds;
		this.out = out;
	}

	/**
	 * Run a workload's rounds and compare every mode to tcp.
	 * @param name the workload
	 * @param modes the modes, tcp first
	 * @param round one round of the workload
	 * @return the comparison
	 * @throws Exception on I/O failure
	 */
	Comparison compare(WorkloadName name, List<Mode> modes, Round round) throws Exception {
		String label = name.toString();
		long started = System.nanoTime();
		this.out.printf(Locale.ROOT, "%s: warm-up%n", label);
		// Warm-up: JIT, pools and caches, not recorded
		round.run(modes);
		Map<Mode, List<Result>> rounds = new EnumMap<>(Mode.class);
		for (int r = 0; r < this.rounds; r++) {
			List<Mode> order = new ArrayList<>(modes);
			if ((r / modes.size()) % 2 == 1) {
				Collections.reverse(order);
			}
			Collections.rotate(order, -(r % modes.size()));
			round.run(order)
				.forEach((mode, result) -> rounds.computeIfAbsent(mode, (key) -> new ArrayList<>()).add(result));
			long perRound = (System.nanoTime() - started) / (r + 2);
			this.out.printf(Locale.ROOT, "%s: round %d of %d, about %d s left for it%n", label, r + 1, this.rounds,
					perRound * (this.rounds - r - 1) / 1_000_000_000L);
		}
		Map<Mode, Result> results = new LinkedHashMap<>();
		Map<Mode, Ratio> ratios = new LinkedHashMap<>();
		for (Mode mode : modes) {
			results.put(mode, Result.merge(rounds.get(mode)));
			if (mode != Mode.TCP) {
				ratios.put(mode, Ratio.of(rounds.get(mode), rounds.get(Mode.TCP)));
			}
		}
		return new Comparison(results, ratios);
	}

}
