package io.github.loopbackfastpath.report;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.engine.PlatformInfo;
import io.github.loopbackfastpath.jdk.JdkFastLoopback;
import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.OutcomeKind;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.registry.Transport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * One summary line once the application is ready, for both modes, read from the
 * {@link SocketRegistry}: what the ioctl did (for example
 * {@code Loopback fast path on Windows: listeners 2 APPLIED; clients 14 APPLIED, 1 SKIPPED}),
 * what the same-host mode published (for example
 * {@code same-host mode: published in /run/user/1000/loopback-fast-path: tomcat on 8080.sock}),
 * and the clients either left on TCP.
 *
 * @author Loopback Fast Path contributors
 */
public final class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog("io.github.loopbackfastpath");

	private final SocketRegistry registry;

	private final @Nullable FastPathEngine ioctl;

	private final @Nullable SameHostStatus sameHost;

	/**
	 * Create the report.
	 * @param registry the records
	 * @param ioctl the engine when the ioctl is on, else {@code null}
	 * @param sameHost the same-host mode when it is on, else {@code null}
	 */
	public StartupReport(SocketRegistry registry, @Nullable FastPathEngine ioctl, @Nullable SameHostStatus sameHost) {
		this.registry = registry;
		this.ioctl = ioctl;
		this.sameHost = sameHost;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (logger.isInfoEnabled()) {
			logger.info(summary());
		}
	}

	/**
	 * The summary line.
	 * @return the line
	 */
	public String summary() {
		StringBuilder line = new StringBuilder("Loopback fast path");
		FastPathEngine ioctl = this.ioctl;
		if (ioctl != null) {
			PlatformInfo platform = ioctl.platformInfo();
			line.append(" on ")
				.append(platform.osName())
				.append(": listeners ")
				.append(counts(SocketRole.LISTENER))
				.append("; clients ")
				.append(counts(SocketRole.CLIENT));
			// The route's name, as the endpoint's platform.handleAccess begins
			String route = platform.handleAccess();
			line.append("; native sockets: ")
				.append((route.indexOf(':') > 0) ? route.substring(0, route.indexOf(':')) : route);
			JdkFastLoopback.Outcome jdkWide = JdkFastLoopback.outcome();
			if (jdkWide != null) {
				line.append("; JDK-wide mode ").append(jdkWide.state());
			}
		}
		SameHostStatus sameHost = this.sameHost;
		if (sameHost != null) {
			String unavailable = sameHost.unavailable();
			line.append((ioctl != null) ? "; " : " ")
				.append("same-host mode: ")
				.append((unavailable != null) ? "off, " + unavailable : published());
		}
		Map<String, String> notCovered = this.registry.notCovered();
		if (!notCovered.isEmpty()) {
			line.append("; not covered: ").append(String.join(", ", notCovered.keySet()));
			if (notCovered.containsKey(Components.JDK_HTTPCLIENT)) {
				line.append(" (for the JDK's HttpClient add httpclient5, reactor-netty-http or jetty-client: "
						+ "Spring Boot then builds that client)");
			}
		}
		return line.toString();
	}

	// The ioctl's TCP sockets, by status
	private String counts(SocketRole role) {
		Map<FastPathStatus, Long> counts = new EnumMap<>(FastPathStatus.class);
		for (OutcomeKind kind : this.registry.outcomes()) {
			if (kind.role() == role && kind.transport() == Transport.TCP) {
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

	// The same-host mode's open published sockets
	private String published() {
		List<SocketRecord> published = this.registry.records()
			.stream()
			.filter((record) -> record.outcome().transport() == Transport.UNIX_DOMAIN
					&& record.role() == SocketRole.LISTENER && record.status() == FastPathStatus.NOT_APPLICABLE
					&& record.isOpen() && record.outcome().path() != null)
			.toList();
		if (published.isEmpty()) {
			return "published nothing";
		}
		Path directory = Path.of(String.valueOf(published.get(0).outcome().path())).getParent();
		return "published in " + directory + ": "
				+ published.stream()
					.map((record) -> record.outcome().component() + " on "
							+ Path.of(String.valueOf(record.outcome().path())).getFileName()
							+ (record.outcome().noTcpListener() ? " (no TCP listener)" : ""))
					.collect(Collectors.joining(", "));
	}

}
