package io.github.loopbackfastpath.sample.bench;

import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * One mode's measurements of one workload.
 *
 * @param histogram latencies in microseconds
 * @param elapsedNanos time spent
 * @param operations operations done
 * @param bytes bytes moved, both directions
 * @author Loopback Fast Path contributors
 */
record Result(Histogram histogram, long elapsedNanos, long operations, long bytes) {

	static Result merge(List<Result> results) {
		Histogram histogram = new Histogram(3);
		results.forEach((result) -> histogram.add(result.histogram()));
		return new Result(histogram, results.stream().mapToLong(Result::elapsedNanos).sum(),
				results.stream().mapToLong(Result::operations).sum(), results.stream().mapToLong(Result::bytes).sum());
	}

	double p50Micros() {
		return this.histogram.getValueAtPercentile(50);
	}

	double p99Micros() {
		return this.histogram.getValueAtPercentile(99);
	}

	double operationsPerSecond() {
		return this.operations / (this.elapsedNanos / 1e9);
	}

	double bytesPerSecond() {
		return this.bytes / (this.elapsedNanos / 1e9);
	}

}
