package io.github.loopbackfastpath.server;

import java.net.InetSocketAddress;
import java.util.List;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.LoopbackFastPathException;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.SocketRole;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Once a web server (application or management) has started, in this order: lets each
 * server library's {@link WebServerCoverage} record the listeners its hook did not reach;
 * makes sure the server's port has a record ({@code DISABLED} when listeners are turned
 * off by configuration, {@code SKIPPED} when no hook reached it); then, if the
 * application asked for {@code fail-on-error}, stops start-up when a listener's fast path
 * failed. The hooks themselves never throw, so a server is never left half-started by a
 * failed ioctl.
 *
 * @author Loopback Fast Path contributors
 */
public final class ListenerCheck implements ApplicationListener<WebServerInitializedEvent> {

	private final LoopbackFastPath fastPath;

	private final SocketRegistry registry;

	private final ObjectProvider<WebServerCoverage> coverages;

	private final boolean failOnError;

	/**
	 * Create the check.
	 * @param fastPath the engine
	 * @param registry the records
	 * @param coverages what each server library's hook knows
	 * @param failOnError whether a failed listener stops start-up
	 */
	public ListenerCheck(LoopbackFastPath fastPath, SocketRegistry registry,
			ObjectProvider<WebServerCoverage> coverages, boolean failOnError) {
		this.fastPath = fastPath;
		this.registry = registry;
		this.coverages = coverages;
		this.failOnError = failOnError;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		WebServer server = event.getWebServer();
		boolean enabled = this.fastPath.isEnabled(SocketRole.LISTENER);
		String component = WebServers.componentOf(server);
		for (WebServerCoverage coverage : this.coverages.orderedStream().toList()) {
			if (enabled && coverage.component().equals(component)) {
				coverage.recordUnhooked(server);
			}
		}
		recordMainPort(server, (component != null) ? component : server.getClass().getName());
		if (this.failOnError) {
			verify();
		}
	}

	private void recordMainPort(WebServer server, String component) {
		int port = server.getPort();
		if (port <= 0 || this.registry.hasOpenListener(port)) {
			return;
		}
		this.fastPath.unreachedListener(component, new InetSocketAddress(port), "No hook of this starter reached the "
				+ "listening socket of " + server.getClass().getName() + " on port " + port + ".");
	}

	private void verify() {
		List<SocketRecord> failed = this.registry.records()
			.stream()
			.filter((record) -> record.role() == SocketRole.LISTENER && record.isOpen() && record.status().isFailure())
			.toList();
		if (!failed.isEmpty()) {
			throw new LoopbackFastPathException(failed);
		}
	}

}
