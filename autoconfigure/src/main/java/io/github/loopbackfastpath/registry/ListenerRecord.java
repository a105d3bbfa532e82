package io.github.loopbackfastpath.registry;

import org.jspecify.annotations.Nullable;

/**
 * A listener hook's record of its listening socket, once the hook has one: counts the
 * connections it accepts and says when it closes. The one accept-and-close helper of the
 * listener hooks (Tomcat's, Jetty's, and the Netty ones of Reactor Netty and gRPC).
 *
 * @author Loopback Fast Path contributors
 */
public final class ListenerRecord {

	private volatile @Nullable TrackedSocket record;

	/**
	 * Keep the listener's record.
	 * @param record the record, or {@code null} if there is none (any more)
	 */
	public void set(@Nullable TrackedSocket record) {
		this.record = record;
	}

	/**
	 * Count a connection the listener accepted.
	 */
	public void accepted() {
		TrackedSocket record = this.record;
		if (record != null) {
			record.connectionAccepted();
		}
	}

	/**
	 * Say that the listener closed; the record is let go.
	 */
	public void closed() {
		TrackedSocket record = this.record;
		this.record = null;
		if (record != null) {
			record.closed();
		}
	}

}
