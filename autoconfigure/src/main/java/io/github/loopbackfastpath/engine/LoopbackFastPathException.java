package io.github.loopbackfastpath.engine;

import java.util.List;
import java.util.stream.Collectors;

import io.github.loopbackfastpath.registry.SocketRecord;

/**
 * Thrown at start-up when {@code loopback.fast-path.fail-on-error} is set and the fast
 * path failed on a listener.
 *
 * @author Loopback Fast Path contributors
 */
public class LoopbackFastPathException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<SocketRecord> records;

	/**
	 * Create an exception for the listeners that failed.
	 * @param records the failed records
	 */
	public LoopbackFastPathException(List<SocketRecord> records) {
		super("Loopback fast path failed on "
				+ records.stream().map(SocketRecord::toString).collect(Collectors.joining(", ")));
		this.records = List.copyOf(records);
	}

	/**
	 * The records of the listeners that failed.
	 * @return the records
	 */
	public List<SocketRecord> getRecords() {
		return this.records;
	}

}
