package io.github.loopbackfastpath.actuate;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.OutcomeKind;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of the fast path: {@value #SOCKETS}, a counter of socket outcomes
 * tagged by role, component, status and transport, and {@value #OPEN}, a gauge of the
 * open sockets Windows accepted the fast path for. Both read the registry's own counts,
 * so nothing is added to the connection path.
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

	private final SocketRegistry sockets;

	private final Map<MeterRegistry, Set<OutcomeKind>> registered = new ConcurrentHashMap<>();

	/**
	 * Create the binder.
	 * @param sockets the records
	 */
	public LoopbackFastPathMetrics(SocketRegistry sockets) {
		this.sockets = sockets;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		SocketRegistry sockets = this.sockets;
		Gauge.builder(OPEN, sockets, (records) -> records.openCount(FastPathStatus.APPLIED))
			.description("Open sockets for which Windows accepted the loopback fast path")
			.register(registry);
		Set<OutcomeKind> fresh = ConcurrentHashMap.newKeySet();
		Set<OutcomeKind> bound = this.registered.putIfAbsent(registry, fresh);
		if (bound == null) {
			sockets.addListener((record) -> register(registry, fresh, record.outcome().kind()));
		}
		Set<OutcomeKind> outcomes = (bound != null) ? bound : fresh;
		for (OutcomeKind outcome : sockets.outcomes()) {
			register(registry, outcomes, outcome);
		}
	}

	private void register(MeterRegistry registry, Set<OutcomeKind> outcomes, OutcomeKind outcome) {
		if (!outcomes.add(outcome)) {
			return;
		}
		FunctionCounter.builder(SOCKETS, this.sockets, (sockets) -> sockets.count(outcome))
			.description("Sockets for which the loopback fast path was requested, by outcome")
			.tag("role", outcome.role().name())
			.tag("component", outcome.component())
			.tag("status", outcome.status().name())
			.tag("transport", outcome.transport().name())
			.register(registry);
	}

}
