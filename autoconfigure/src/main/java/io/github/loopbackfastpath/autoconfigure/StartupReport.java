package io.github.loopbackfastpath.autoconfigure;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.loopbackfastpath.engine.FastPathStatus;
import io.github.loopbackfastpath.engine.JdkFastLoopback;
import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.SocketOutcome;
import io.github.loopbackfastpath.engine.SocketRole;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * One summary line once the application is ready, for example
 * {@code Loopback fast path: listeners 2 APPLIED; clients 14 APPLIED, 1 SKIPPED}.
 *
 * @author Loopback Fast Path contributors
 */
final class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog("io.github.loopbackfastpath");

	private final LoopbackFastPath fastPath;

	StartupReport(LoopbackFastPath fastPath) {
		this.fastPath = fastPath;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (logger.isInfoEnabled()) {
			logger.info(summary());
		}
	}

	String summary() {
		StringBuilder line = new StringBuilder("Loopback fast path on ")
			.append(this.fastPath.platformInfo().osName())
			.append(": listeners ")
			.append(counts(SocketRole.LISTENER))
			.append("; clients ")
			.append(counts(SocketRole.CLIENT));
		if (!this.fastPath.notCovered().isEmpty()) {
			line.append("; not covered: ").append(String.join(", ", this.fastPath.notCovered().keySet()));
		}
		JdkFastLoopback.Outcome jdkWide = JdkFastLoopback.outcome();
		if (jdkWide != null) {
			line.append("; JDK-wide mode ").append(jdkWide.state());
		}
		return line.toString();
	}

	private String counts(SocketRole role) {
		Map<FastPathStatus, Long> counts = new EnumMap<>(FastPathStatus.class);
		for (SocketOutcome outcome : this.fastPath.registry().outcomes()) {
			if (outcome.role() == role) {
				counts.merge(outcome.status(), this.fastPath.registry().count(outcome), Long::sum);
			}
		}
		if (counts.isEmpty()) {
			return "none";
		}
		return counts.entrySet()
			.stream()
			.map((entry) -> entry.getValue() + " " + entry.getKey())
			.collect(Collectors.joining(", "));
	}

}
