package io.github.loopbackfastpath.engine;

/**
 * A kind of outcome, for counting: which role, which component, which status.
 *
 * @param role the socket's role
 * @param component what opened it
 * @param status what happened
 * @author Loopback Fast Path contributors
 */
public record SocketOutcome(SocketRole role, String component, FastPathStatus status) {

	/**
	 * The outcome of a record.
	 * @param record the record
	 * @return its outcome
	 */
	public static SocketOutcome of(SocketRecord record) {
		return new SocketOutcome(record.role(), record.component(), record.status());
	}

}
