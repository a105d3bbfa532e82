package io.github.loopbackfastpath.sample.bench;

import java.util.Map;

/**
 * Every mode's measurements of one workload, and each mode's ratio to {@code tcp}.
 *
 * @param results the merged measurements per mode
 * @param ratios the throughput ratio to {@code tcp} per mode but {@code tcp}
 * @author Loopback Fast Path contributors
 */
record Comparison(Map<Mode, Result> results, Map<Mode, Ratio> ratios) {

}
