package io.github.loopbackfastpath.registry;

/**
 * Told about every new record, for logs and metrics. Called on the thread that opened the
 * socket, so it must be quick and must not throw.
 *
 * @author Loopback Fast Path contributors
 */
@FunctionalInterface
public interface RecordListener {

	/**
	 * A socket was recorded.
	 * @param record the new record
	 */
	void recorded(SocketRecord record);

}
