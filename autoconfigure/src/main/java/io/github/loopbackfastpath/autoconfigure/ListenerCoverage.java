package io.github.loopbackfastpath.autoconfigure;

import java.net.InetSocketAddress;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.SocketRecord;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.engine.SocketRole;
import io.github.loopbackfastpath.server.jetty.JettyFastPathCustomizer;
import io.github.loopbackfastpath.server.netty.NettyServerFastPathCustomizer;
import io.github.loopbackfastpath.server.tomcat.TomcatFastPathCustomizer;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Once a web server has started, makes sure its port has a record: {@code DISABLED} when the
 * server side is turned off by configuration, {@code SKIPPED} when no hook reached it. Runs
 * after the server-specific checks.
 *
 * @author Loopback Fast Path contributors
 */
final class ListenerCoverage implements ApplicationListener<WebServerInitializedEvent>, Ordered {

	private final LoopbackFastPath fastPath;

	ListenerCoverage(LoopbackFastPath fastPath) {
		this.fastPath = fastPath;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		WebServer server = event.getWebServer();
		int port = server.getPort();
		if (port <= 0 || hasListenerRecord(port)) {
			return;
		}
		SocketRequest request = SocketRequest.unreached(SocketRole.LISTENER, componentOf(server),
				new InetSocketAddress(port));
		if (!this.fastPath.isEnabled(SocketRole.LISTENER)) {
			this.fastPath.disabled(request);
		}
		else {
			this.fastPath.skip(request, "No hook of this starter reached the listening socket of "
					+ server.getClass().getName() + " on port " + port + ".");
		}
	}

	private boolean hasListenerRecord(int port) {
		for (SocketRecord record : this.fastPath.registry().records()) {
			InetSocketAddress local = record.localAddress();
			if (record.role() == SocketRole.LISTENER && record.isOpen() && local != null && local.getPort() == port) {
				return true;
			}
		}
		return false;
	}

	private static String componentOf(WebServer server) {
		String name = server.getClass().getSimpleName();
		if (name.startsWith("Tomcat")) {
			return TomcatFastPathCustomizer.COMPONENT;
		}
		if (name.startsWith("Jetty")) {
			return JettyFastPathCustomizer.COMPONENT;
		}
		if (name.startsWith("Netty")) {
			return NettyServerFastPathCustomizer.COMPONENT;
		}
		return server.getClass().getName();
	}

	@Override
	public int getOrder() {
		return 100;
	}

}
