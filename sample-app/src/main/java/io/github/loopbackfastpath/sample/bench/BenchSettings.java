package io.github.loopbackfastpath.sample.bench;

/**
 * How many operations of each workload, and how many rounds.
 *
 * @param rounds rounds, each running every mode once
 * @param smallRequests 128-byte round trips per mode and round
 * @param bulkRequests 1 MiB round trips per mode and round
 * @param connections connections per mode and round
 * @param httpSmall 128-byte HTTP requests per client, mode and round
 * @param httpBulk 1 MiB HTTP requests per client, mode and round
 * @param httpConnections connection-per-request HTTP requests per client, mode and round
 * @author Loopback Fast Path contributors
 */
record BenchSettings(int rounds, int smallRequests, int bulkRequests, int connections, int httpSmall, int httpBulk,
		int httpConnections) {

	static final BenchSettings DEFAULT = new BenchSettings(20, 5_000, 50, 500, 3_000, 20, 300);

}
