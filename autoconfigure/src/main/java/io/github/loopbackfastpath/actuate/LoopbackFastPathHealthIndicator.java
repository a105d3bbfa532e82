package io.github.loopbackfastpath.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.engine.PlatformInfo;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.SocketRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code loopbackFastPath} health contributor. The fast path is an optimisation: when
 * it is unsupported or refused, every socket still works, so this contributor is never
 * DOWN for that; the details say what happened.
 *
 * @author Loopback Fast Path contributors
 */
public class LoopbackFastPathHealthIndicator extends AbstractHealthIndicator {

	private final Supplier<@Nullable FastPathEngine> engine;

	private final SocketRegistry registry;

	private final boolean enabled;

	/**
	 * Create the contributor.
	 * @param engine the engine, for the platform, asked for at each health check (with
	 * the ioctl off, nothing needs it to start), giving {@code null} when it backed off
	 * (no JNA)
	 * @param registry the records
	 * @param enabled whether the fast path is enabled
	 */
	public LoopbackFastPathHealthIndicator(Supplier<@Nullable FastPathEngine> engine, SocketRegistry registry,
			boolean enabled) {
		super("Loopback fast path health check failed");
		this.engine = engine;
		this.registry = registry;
		this.enabled = enabled;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, Long> summary = new LinkedHashMap<>();
		long failures = 0;
		for (Map.Entry<FastPathStatus, Long> entry : this.registry.totals().entrySet()) {
			if (entry.getValue() > 0) {
				summary.put(entry.getKey().name(), entry.getValue());
			}
			if (entry.getKey().isFailure()) {
				failures += entry.getValue();
			}
		}
		builder.up().withDetail("enabled", this.enabled);
		FastPathEngine engine = this.engine.get();
		PlatformInfo platform = (engine != null) ? engine.platformInfo() : null;
		if (platform != null) {
			builder
				.withDetail("os",
						platform.osName()
								+ ((platform.windowsBuild() != null) ? " (build " + platform.windowsBuild() + ")" : ""))
				.withDetail("fastPathSupported", platform.fastPathSupported());
		}
		else {
			builder.withDetail("ioctl", LoopbackFastPathEndpoint.BACKED_OFF);
		}
		List<String> noTcpListener = this.registry.records()
			.stream()
			.filter((record) -> record.isOpen() && record.outcome().noTcpListener())
			.map((record) -> record.outcome().component() + " on " + record.outcome().path())
			.toList();
		if (!noTcpListener.isEmpty()) {
			// Servers that listen on their AF_UNIX socket only: nothing answers on TCP
			builder.withDetail("noTcpListener", noTcpListener);
		}
		builder.withDetail("summary", summary)
			.withDetail("openSockets", this.registry.openCount())
			.withDetail("failures", failures);
		if (platform != null && platform.unsafeBuild()) {
			builder.withDetail("unsafeBuild", true);
		}
	}

}
