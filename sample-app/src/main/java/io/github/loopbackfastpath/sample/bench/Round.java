package io.github.loopbackfastpath.sample.bench;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One round of a workload: every mode once, in the given order or interleaved.
 *
 * @author Loopback Fast Path contributors
 */
@FunctionalInterface
interface Round {

	/**
	 * Run the round.
	 * @param order the modes, the first to start first
	 * @return what was measured, per mode
	 * @throws Exception on I/O failure
	 */
	Map<Mode, Result> run(List<Mode> order) throws Exception;

	/**
	 * A round that runs a workload in each mode, one after the other.
	 * @param workload the workload
	 * @return the round
	 */
	static Round inTurn(Workload workload) {
		return (order) -> {
			Map<Mode, Result> results = new EnumMap<>(Mode.class);
			for (Mode mode : order) {
				results.put(mode, workload.run(mode));
			}
			return results;
		};
	}

}
