package io.github.loopbackfastpath.sample.bench;

import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * A throughput ratio to {@code tcp}: the geometric mean of the per-round ratios, with its
 * 95% confidence interval.
 *
 * @param ratio the ratio
 * @param low the interval's lower end
 * @param high the interval's upper end
 * @param rounds how many rounds it rests on
 * @author Loopback Fast Path contributors
 */
record Ratio(double ratio, double low, double high, int rounds) {

	static Ratio of(List<Result> mode, List<Result> baseline) {
		SummaryStatistics logs = new SummaryStatistics();
		for (int round = 0; round < mode.size(); round++) {
			logs.addValue(Math.log(mode.get(round).operationsPerSecond() / baseline.get(round).operationsPerSecond()));
		}
		double mean = logs.getMean();
		if (logs.getN() < 2) {
			return new Ratio(Math.exp(mean), Double.NaN, Double.NaN, (int) logs.getN());
		}
		double t = new TDistribution(logs.getN() - 1).inverseCumulativeProbability(0.975);
		double half = t * logs.getStandardDeviation() / Math.sqrt(logs.getN());
		return new Ratio(Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half), (int) logs.getN());
	}

	boolean beyondNoise() {
		return !Double.isNaN(this.low) && (this.low > 1 || this.high < 1);
	}

	String describe() {
		if (Double.isNaN(this.low)) {
			return String.format(Locale.ROOT, "%.3fx (one round: no interval)", this.ratio);
		}
		String verdict;
		if (!beyondNoise()) {
			verdict = "no difference beyond noise";
		}
		else {
			verdict = (this.ratio > 1) ? "faster" : "slower";
		}
		return String.format(Locale.ROOT, "%.3fx [%.3f, %.3f] %s", this.ratio, this.low, this.high, verdict);
	}

}
