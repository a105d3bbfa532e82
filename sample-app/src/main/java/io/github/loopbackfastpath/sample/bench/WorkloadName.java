package io.github.loopbackfastpath.sample.bench;

/**
 * A workload of the bench on one stack, such as {@code restclient -> tomcat} and
 * {@code bulk (1 MiB)}.
 *
 * @param stack the client and server, or {@code JDK channels}
 * @param workload what is measured on it
 * @author Loopback Fast Path contributors
 */
record WorkloadName(String stack, String workload) {

	@Override
	public String toString() {
		return this.stack + " " + this.workload;
	}

}
