package io.github.loopbackfastpath.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.loopbackfastpath.engine.FastPathStatus;
import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.PlatformInfo;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code loopbackFastPath} health contributor. The fast path is an optimisation: when it is
 * unsupported or refused, every socket still works, so this contributor is never DOWN for
 * that; the details say what happened.
 *
 * @author Loopback Fast Path contributors
 */
public class LoopbackFastPathHealthIndicator extends AbstractHealthIndicator {

	private final LoopbackFastPath fastPath;

	private final boolean enabled;

	/**
	 * Create the contributor.
	 * @param fastPath the engine
	 * @param enabled whether the fast path is enabled
	 */
	public LoopbackFastPathHealthIndicator(LoopbackFastPath fastPath, boolean enabled) {
		super("Loopback fast path health check failed");
		this.fastPath = fastPath;
		this.enabled = enabled;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		PlatformInfo platform = this.fastPath.platformInfo();
		Map<String, Long> summary = new LinkedHashMap<>();
		long failures = 0;
		for (Map.Entry<FastPathStatus, Long> entry : this.fastPath.registry().totals().entrySet()) {
			if (entry.getValue() > 0) {
				summary.put(entry.getKey().name(), entry.getValue());
			}
			if (entry.getKey().isFailure()) {
				failures += entry.getValue();
			}
		}
		builder.up()
			.withDetail("enabled", this.enabled)
			.withDetail("os", platform.osName()
					+ ((platform.windowsBuild() != null) ? " (build " + platform.windowsBuild() + ")" : ""))
			.withDetail("fastPathSupported", platform.fastPathSupported())
			.withDetail("summary", summary)
			.withDetail("openSockets", this.fastPath.registry().openCount())
			.withDetail("failures", failures);
		if (platform.unsafeBuild()) {
			builder.withDetail("unsafeBuild", true);
		}
	}

}
