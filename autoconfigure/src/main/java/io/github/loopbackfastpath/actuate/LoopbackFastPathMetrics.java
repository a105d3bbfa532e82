package io.github.loopbackfastpath.actuate;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.loopbackfastpath.engine.FastPathStatus;
import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.SocketOutcome;
import io.github.loopbackfastpath.engine.SocketRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of the fast path: {@value #SOCKETS}, a counter of socket outcomes tagged
 * by role, component and status, and {@value #OPEN}, a gauge of the open sockets Windows
 * accepted the fast path for. Both read the registry's own counts, so nothing is added to
 * the connection path.
 *
 * @author Loopback Fast Path contributors
 */
public class LoopbackFastPathMetrics implements MeterBinder {

	/**
	 * The counter of socket outcomes.
	 */
	public static final String SOCKETS = "loopback.fastpath.sockets";

	/**
	 * The gauge of open sockets under the fast path.
	 */
	public static final String OPEN = "loopback.fastpath.sockets.open";

	private final LoopbackFastPath fastPath;

	private final Map<MeterRegistry, Set<SocketOutcome>> registered = new ConcurrentHashMap<>();

	/**
	 * Create the binder.
	 * @param fastPath the engine
	 */
	public LoopbackFastPathMetrics(LoopbackFastPath fastPath) {
		this.fastPath = fastPath;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		SocketRegistry sockets = this.fastPath.registry();
		Gauge.builder(OPEN, sockets, (records) -> records.openCount(FastPathStatus.APPLIED))
			.description("Open sockets for which Windows accepted the loopback fast path")
			.register(registry);
		Set<SocketOutcome> fresh = ConcurrentHashMap.newKeySet();
		Set<SocketOutcome> bound = this.registered.putIfAbsent(registry, fresh);
		if (bound == null) {
			this.fastPath.addListener((record) -> register(registry, fresh, SocketOutcome.of(record)));
		}
		Set<SocketOutcome> outcomes = (bound != null) ? bound : fresh;
		for (SocketOutcome outcome : sockets.outcomes()) {
			register(registry, outcomes, outcome);
		}
	}

	private void register(MeterRegistry registry, Set<SocketOutcome> outcomes, SocketOutcome outcome) {
		if (!outcomes.add(outcome)) {
			return;
		}
		FunctionCounter.builder(SOCKETS, this.fastPath.registry(), (sockets) -> sockets.count(outcome))
			.description("Sockets for which the loopback fast path was requested, by outcome")
			.tag("role", outcome.role().name())
			.tag("component", outcome.component())
			.tag("status", outcome.status().name())
			.register(registry);
	}

}
