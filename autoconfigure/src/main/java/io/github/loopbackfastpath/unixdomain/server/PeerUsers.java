package io.github.loopbackfastpath.unixdomain.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Who used a published socket: the distinct users whose processes connected, with how
 * many connections each made. Bounded like everything the starter keeps: past
 * {@value #KEPT} users, further ones are counted together under {@value #OTHERS}.
 *
 * @author Loopback Fast Path contributors
 */
public final class PeerUsers {

	/**
	 * How many users are counted by name.
	 */
	public static final int KEPT = 32;

	/**
	 * Under which the connections of users past {@link #KEPT} are counted.
	 */
	public static final String OTHERS = "(others)";

	/**
	 * Under which connections whose peer the OS did not tell are counted.
	 */
	public static final String UNKNOWN = "(unknown)";

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	void connected(String user) {
		LongAdder count = this.counts.get(user);
		if (count == null) {
			String key = (this.counts.size() < KEPT) ? user : OTHERS;
			count = this.counts.computeIfAbsent(key, (name) -> new LongAdder());
		}
		count.increment();
	}

	/**
	 * The counts now, by user name.
	 * @return connections per user, sorted by name
	 */
	public Map<String, Long> counts() {
		Map<String, Long> counts = new TreeMap<>();
		this.counts.forEach((user, count) -> counts.put(user, count.sum()));
		return counts;
	}

}
