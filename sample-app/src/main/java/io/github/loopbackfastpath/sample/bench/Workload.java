package io.github.loopbackfastpath.sample.bench;

/**
 * One workload, run once per mode and round.
 *
 * @author Loopback Fast Path contributors
 */
@FunctionalInterface
interface Workload {

	/**
	 * Run the workload once.
	 * @param mode the transport
	 * @return what was measured
	 * @throws Exception on I/O failure
	 */
	Result run(Mode mode) throws Exception;

}
