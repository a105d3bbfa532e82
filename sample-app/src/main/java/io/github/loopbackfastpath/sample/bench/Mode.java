package io.github.loopbackfastpath.sample.bench;

/**
 * A way to move bytes between two sockets of this machine.
 *
 * @author Loopback Fast Path contributors
 */
enum Mode {

	/**
	 * TCP loopback: the baseline.
	 */
	TCP("tcp"),

	/**
	 * TCP loopback again: the noise floor.
	 */
	TCP_AGAIN("tcp (A/A)"),

	/**
	 * TCP loopback with the fast path requested on both ends.
	 */
	FAST_PATH("tcp + fast path"),

	/**
	 * Unix domain sockets.
	 */
	UNIX_DOMAIN("AF_UNIX");

	private final String label;

	Mode(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

}
