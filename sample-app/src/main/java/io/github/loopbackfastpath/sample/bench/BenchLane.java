package io.github.loopbackfastpath.sample.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * One mode's part of a round of the HTTP and gRPC workloads: its clients, opened afresh
 * for the round, and what its timed calls measured. A round ({@link #interleaved}) opens
 * every mode's lane with one untimed call, then alternates the modes in about
 * {@value #BLOCKS} blocks each, the first mode rotating, so that the modes compared in a
 * round ran milliseconds apart rather than one after the other, and what else the machine
 * did at the time weighs on all alike.
 *
 * @author Loopback Fast Path contributors
 */
abstract class BenchLane implements AutoCloseable {

	static final int BLOCKS = 50;

	private final Mode mode;

	private final Histogram histogram = new Histogram(3);

	private long elapsedNanos;

	BenchLane(Mode mode) {
		this.mode = mode;
	}

	Mode mode() {
		return this.mode;
	}

	/**
	 * One call of the workload.
	 * @throws Exception if it fails or its answer is wrong
	 */
	abstract void call() throws Exception;

	private void timed(int count) throws Exception {
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			long begin = System.nanoTime();
			call();
			this.histogram.recordValue((System.nanoTime() - begin) / 1000);
		}
		this.elapsedNanos += System.nanoTime() - start;
	}

	/**
	 * A workload's round, interleaved.
	 * @param operations calls per mode and round
	 * @param bytes bytes moved per mode and round, or 0 where throughput is counted in
	 * connections
	 * @param lanes opens a mode's lane for the round
	 * @return the round
	 */
	static Round interleaved(int operations, long bytes, Lanes lanes) {
		int block = Math.max(1, operations / BLOCKS);
		return (order) -> {
			List<BenchLane> opened = new ArrayList<>();
			try {
				for (Mode mode : order) {
					BenchLane lane = lanes.open(mode);
					opened.add(lane);
					// Opens the connection that the timed calls keep alive
					lane.call();
				}
				List<BenchLane> turn = new ArrayList<>(opened);
				for (int done = 0; done < operations; done += block) {
					int count = Math.min(block, operations - done);
					for (BenchLane lane : turn) {
						lane.timed(count);
					}
					Collections.rotate(turn, -1);
				}
				Map<Mode, Result> results = new EnumMap<>(Mode.class);
				for (BenchLane lane : opened) {
					results.put(lane.mode, new Result(lane.histogram, lane.elapsedNanos, operations, bytes));
				}
				return results;
			}
			finally {
				for (BenchLane lane : opened) {
					lane.close();
				}
			}
		};
	}

	/**
	 * Opens a mode's lane.
	 */
	@FunctionalInterface
	interface Lanes {

		/**
		 * Open a lane.
		 * @param mode the transport
		 * @return the lane
		 * @throws Exception if its clients cannot be built
		 */
		BenchLane open(Mode mode) throws Exception;

	}

}
