package io.github.loopbackfastpath.registry;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * The records of every socket the fast path was requested for: all open sockets, plus a
 * bounded history of closed ones, so memory stays bounded however many connections come
 * and go; and the components whose sockets are out of reach. Listeners (logs, metrics)
 * are told about every new record.
 * <p>
 * Sockets whose owner reports their close (Netty's close future, a server's stop) leave
 * at once; the others are found closed by a sweep that runs when the records are read
 * and, amortised, as new sockets are registered: between two sweeps at most
 * {@code max(64, live records)} closed sockets wait to be found.
 *
 * @author Loopback Fast Path contributors
 */
public final class SocketRegistry {

	private static final int MINIMUM_SWEEP_INTERVAL = 64;

	private final int historySize;

	private final Clock clock;

	private final AtomicLong ids = new AtomicLong();

	private final Map<Long, SocketRecord> open = new ConcurrentHashMap<>();

	private final ArrayDeque<SocketRecord> history = new ArrayDeque<>();

	private final Map<OutcomeKind, LongAdder> outcomes = new ConcurrentHashMap<>();

	private final List<RecordListener> listeners = new CopyOnWriteArrayList<>();

	private final Map<String, String> notCovered = new ConcurrentHashMap<>();

	private final AtomicInteger registrationsSinceSweep = new AtomicInteger();

	private volatile int sweepInterval = MINIMUM_SWEEP_INTERVAL;

	/**
	 * Create a registry.
	 * @param historySize how many closed sockets to keep
	 * @param clock the clock for record times
	 */
	public SocketRegistry(int historySize, Clock clock) {
		if (historySize < 0) {
			throw new IllegalArgumentException("historySize must be zero or more, was " + historySize);
		}
		this.historySize = historySize;
		this.clock = clock;
	}

	/**
	 * Create a registry with the system clock.
	 * @param historySize how many closed sockets to keep
	 */
	public SocketRegistry(int historySize) {
		this(historySize, Clock.systemUTC());
	}

	/**
	 * The time for a new outcome.
	 * @return now, by this registry's clock
	 */
	public Instant now() {
		return this.clock.instant();
	}

	/**
	 * Register a listener told about every new record.
	 * @param listener the listener
	 */
	public void addListener(RecordListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Record an AF_UNIX socket: no TCP, so no ioctl; its path instead of addresses.
	 * @param role whether it listens or connects
	 * @param component what opened it
	 * @param status what happened ({@code NOT_APPLICABLE}, or {@code SKIPPED} with the
	 * reason)
	 * @param message what the status means for this socket
	 * @param path the socket file
	 * @param socket a view of the socket, or {@code null} if there is none to watch
	 * @return the record
	 */
	public SocketRecord registerUnixDomain(SocketRole role, String component, FastPathStatus status, String message,
			Path path, @Nullable LiveSocket socket) {
		return register(new SocketOutcome(role, component, null, status, null, null, null, message, now(),
				Transport.UNIX_DOMAIN, path.toString()), socket, null, null);
	}

	/**
	 * Record what happened to a socket.
	 * @param outcome what the request did
	 * @param socket a view of the socket, or {@code null} if there is none to watch (then
	 * the record stays open until {@link SocketRecord#closed()})
	 * @param localAddress the local address known when the request was made, or
	 * {@code null}
	 * @param remoteAddress the remote address known when the request was made, or
	 * {@code null}
	 * @return the record
	 */
	public SocketRecord register(SocketOutcome outcome, @Nullable LiveSocket socket,
			@Nullable InetSocketAddress localAddress, @Nullable InetSocketAddress remoteAddress) {
		SocketRecord record = new SocketRecord(this.ids.incrementAndGet(), outcome, socket, localAddress, remoteAddress,
				this);
		this.outcomes.computeIfAbsent(outcome.kind(), (kind) -> new LongAdder()).increment();
		this.open.put(record.id(), record);
		if (this.registrationsSinceSweep.incrementAndGet() >= this.sweepInterval) {
			sweep();
		}
		for (RecordListener listener : this.listeners) {
			try {
				listener.recorded(record);
			}
			catch (RuntimeException ex) {
				// A listener must never break a socket
			}
		}
		return record;
	}

	/**
	 * Say that the sockets of a component are out of reach: the starter never sees them,
	 * because the component offers no hook before connect or accept, or the application
	 * chose something the starter does not hook. Repeated notes for a component replace
	 * each other.
	 * @param component the component, such as {@code jdk-httpclient}
	 * @param reason why, and what to do instead
	 */
	public void notCovered(String component, String reason) {
		this.notCovered.put(component, reason);
	}

	/**
	 * The components whose sockets are out of reach, with the reason.
	 * @return the reason per component, sorted by component
	 */
	public Map<String, String> notCovered() {
		return new TreeMap<>(this.notCovered);
	}

	void closed(SocketRecord record) {
		if (record.markClosed(this.clock.instant()) && this.open.remove(record.id()) != null) {
			synchronized (this.history) {
				if (this.historySize > 0) {
					if (this.history.size() == this.historySize) {
						this.history.removeFirst();
					}
					this.history.addLast(record);
				}
			}
		}
	}

	/**
	 * Move every record whose socket is gone to the history.
	 */
	public void sweep() {
		this.registrationsSinceSweep.set(0);
		for (SocketRecord record : this.open.values()) {
			if (record.isSocketGone()) {
				closed(record);
			}
		}
		// As many registrations as there are live records before the next
		// sweep: each sweep is paid for by as many registrations as it visits,
		// and at most that many records of closed sockets wait in the open map
		this.sweepInterval = Math.max(MINIMUM_SWEEP_INTERVAL, this.open.size());
	}

	/**
	 * The open records, then the history, each in the order they were made.
	 * @return a snapshot of the records
	 */
	public List<SocketRecord> records() {
		sweep();
		List<SocketRecord> records = new ArrayList<>(this.open.values());
		records.sort(Comparator.comparingLong(SocketRecord::id));
		synchronized (this.history) {
			records.addAll(this.history);
		}
		return Collections.unmodifiableList(records);
	}

	/**
	 * Find a record that is open or still in the history.
	 * @param id the record's id
	 * @return the record
	 */
	public Optional<SocketRecord> find(long id) {
		SocketRecord record = this.open.get(id);
		if (record != null) {
			return Optional.of(record);
		}
		synchronized (this.history) {
			return this.history.stream().filter((candidate) -> candidate.id() == id).findFirst();
		}
	}

	/**
	 * Whether an open listener's record has this local port.
	 * @param port the port
	 * @return whether such a record exists
	 */
	public boolean hasOpenListener(int port) {
		for (SocketRecord record : records()) {
			InetSocketAddress local = record.localAddress();
			if (record.role() == SocketRole.LISTENER && record.isOpen() && local != null && local.getPort() == port) {
				return true;
			}
		}
		return false;
	}

	/**
	 * How many sockets had each status since start-up, including those no longer kept.
	 * @return the count per status
	 */
	public Map<FastPathStatus, Long> totals() {
		Map<FastPathStatus, Long> totals = new EnumMap<>(FastPathStatus.class);
		for (FastPathStatus status : FastPathStatus.values()) {
			totals.put(status, 0L);
		}
		this.outcomes.forEach((outcome, count) -> totals.merge(outcome.status(), count.sum(), Long::sum));
		return totals;
	}

	/**
	 * The kinds of outcome seen since start-up.
	 * @return the outcomes
	 */
	public Set<OutcomeKind> outcomes() {
		return Set.copyOf(this.outcomes.keySet());
	}

	/**
	 * How many sockets had an outcome since start-up.
	 * @param kind the kind of outcome
	 * @return the count
	 */
	public long count(OutcomeKind kind) {
		LongAdder count = this.outcomes.get(kind);
		return (count != null) ? count.sum() : 0;
	}

	/**
	 * How many open sockets have a status, without sweeping.
	 * @param status the status
	 * @return the count
	 */
	public long openCount(FastPathStatus status) {
		return this.open.values().stream().filter((record) -> record.status() == status).count();
	}

	/**
	 * How many records are open now, without sweeping.
	 * @return the number of open records
	 */
	public int openCount() {
		return this.open.size();
	}

	/**
	 * How many records are kept in all, without sweeping.
	 * @return the number of records kept
	 */
	public int size() {
		synchronized (this.history) {
			return this.open.size() + this.history.size();
		}
	}

	/**
	 * How many closed sockets are kept at most.
	 * @return the history size
	 */
	public int historySize() {
		return this.historySize;
	}

}
