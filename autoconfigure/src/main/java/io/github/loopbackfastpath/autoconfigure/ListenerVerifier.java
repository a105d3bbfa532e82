package io.github.loopbackfastpath.autoconfigure;

import java.util.List;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.SocketRecord;
import io.github.loopbackfastpath.engine.SocketRole;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Once a web server has started, stops start-up if a listener's fast path failed and the
 * application asked for that ({@code loopback.fast-path.fail-on-error}). The hooks themselves
 * never throw, so a server is never left half-started by a failed ioctl.
 *
 * @author Loopback Fast Path contributors
 */
final class ListenerVerifier implements ApplicationListener<WebServerInitializedEvent>, Ordered {

	private final LoopbackFastPath fastPath;

	private final boolean failOnError;

	ListenerVerifier(LoopbackFastPath fastPath, boolean failOnError) {
		this.fastPath = fastPath;
		this.failOnError = failOnError;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (!this.failOnError) {
			return;
		}
		List<SocketRecord> failed = this.fastPath.registry()
			.records()
			.stream()
			.filter((record) -> record.role() == SocketRole.LISTENER && record.isOpen() && record.status().isFailure())
			.toList();
		if (!failed.isEmpty()) {
			throw new LoopbackFastPathException(failed);
		}
	}

	@Override
	public int getOrder() {
		return 200;
	}

}
