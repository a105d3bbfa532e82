package io.github.loopbackfastpath.unixdomain;

import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * One line once the application is ready: what the same-host mode published, where, or
 * why it could not.
 *
 * @author Loopback Fast Path contributors
 */
public final class UnixDomainSummary implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog("io.github.loopbackfastpath");

	private final UnixDomainPublisher sockets;

	private final UnixDomainRouter router;

	/**
	 * Create the summary.
	 * @param sockets what was published
	 * @param router what was routed, and which clients could not be
	 */
	public UnixDomainSummary(UnixDomainPublisher sockets, UnixDomainRouter router) {
		this.sockets = sockets;
		this.router = router;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (logger.isInfoEnabled()) {
			logger.info(summary());
		}
	}

	String summary() {
		String unavailable = this.sockets.unavailable();
		if (unavailable != null) {
			return "Loopback fast path same-host mode: off, " + unavailable;
		}
		String published = this.sockets.published()
			.values()
			.stream()
			.map((socket) -> socket.component() + " port " + socket.port() + " on " + socket.path().getFileName())
			.collect(Collectors.joining(", "));
		String notRouted = String.join(", ", this.router.notRouted());
		return "Loopback fast path same-host mode: published in " + this.sockets.directory() + ": "
				+ (published.isEmpty() ? "nothing" : published)
				+ (notRouted.isEmpty() ? "" : "; clients left on TCP: " + notRouted);
	}

}
