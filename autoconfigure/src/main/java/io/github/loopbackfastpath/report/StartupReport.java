package io.github.loopbackfastpath.report;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.engine.PlatformInfo;
import io.github.loopbackfastpath.jdk.JdkFastLoopback;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.OutcomeKind;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.SocketRole;
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
public final class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog("io.github.loopbackfastpath");

	private final FastPathEngine engine;

	private final SocketRegistry registry;

	/**
	 * Create the report.
	 * @param engine the engine, for the platform
	 * @param registry the records
	 */
	public StartupReport(FastPathEngine engine, SocketRegistry registry) {
		this.engine = engine;
		this.registry = registry;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (logger.isInfoEnabled()) {
			logger.info(summary());
		}
	}

	String summary() {
		PlatformInfo platform = this.engine.platformInfo();
		StringBuilder line = new StringBuilder("Loopback fast path on ").append(platform.osName())
			.append(": listeners ")
			.append(counts(SocketRole.LISTENER))
			.append("; clients ")
			.append(counts(SocketRole.CLIENT));
		if (!this.registry.notCovered().isEmpty()) {
			line.append("; not covered: ").append(String.join(", ", this.registry.notCovered().keySet()));
			if (this.registry.notCovered().containsKey("jdk-httpclient")) {
				line.append(" (for the JDK's HttpClient add httpclient5, reactor-netty-http or jetty-client: "
						+ "Spring Boot then builds that client)");
			}
		}
		// The route's name, as the endpoint's platform.handleAccess begins
		String route = platform.handleAccess();
		line.append("; native sockets: ")
			.append((route.indexOf(':') > 0) ? route.substring(0, route.indexOf(':')) : route);
		JdkFastLoopback.Outcome jdkWide = JdkFastLoopback.outcome();
		if (jdkWide != null) {
			line.append("; JDK-wide mode ").append(jdkWide.state());
		}
		return line.toString();
	}

	private String counts(SocketRole role) {
		Map<FastPathStatus, Long> counts = new EnumMap<>(FastPathStatus.class);
		for (OutcomeKind kind : this.registry.outcomes()) {
			if (kind.role() == role) {
				counts.merge(kind.status(), this.registry.count(kind), Long::sum);
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
