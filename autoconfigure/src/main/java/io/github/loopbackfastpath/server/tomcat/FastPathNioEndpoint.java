package io.github.loopbackfastpath.server.tomcat;

import java.io.IOException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.registry.ListenerRecord;
import io.github.loopbackfastpath.registry.LiveSocket;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.registry.Stage;
import io.github.loopbackfastpath.registry.TrackedSocket;
import org.apache.tomcat.util.net.NioEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * Requests the fast path right after Tomcat bound its listening socket and before the
 * acceptor thread starts: {@code ServerSocketChannel.bind} also listens, so no earlier
 * moment is reachable without copying Tomcat's socket set-up. Counts accepted connections
 * on the listener's record and closes the record when the socket closes.
 *
 * @author Loopback Fast Path contributors
 */
final class FastPathNioEndpoint extends NioEndpoint {

	private volatile @Nullable LoopbackFastPath fastPath;

	private volatile String component = Components.TOMCAT;

	private final ListenerRecord record = new ListenerRecord();

	void useFastPath(LoopbackFastPath fastPath, String component) {
		this.fastPath = fastPath;
		this.component = component;
	}

	@Override
	protected void initServerSocket() throws Exception {
		super.initServerSocket();
		LoopbackFastPath fastPath = this.fastPath;
		if (fastPath != null) {
			this.record.set(requestFastPath(fastPath));
		}
	}

	private @Nullable TrackedSocket requestFastPath(LoopbackFastPath fastPath) {
		try {
			NetworkChannel channel = getServerSocket();
			SocketRequest request = SocketRequest.listener(this.component, Stage.BEFORE_ACCEPT, LiveSocket.of(channel));
			if (getUseInheritedChannel()) {
				return fastPath.skip(request, "Tomcat uses the channel inherited from the launching process "
						+ "(useInheritedChannel): its creator must request the fast path.");
			}
			if (getUnixDomainSocketPath() != null) {
				return fastPath.skip(request, "Tomcat listens on the Unix domain socket " + getUnixDomainSocketPath()
						+ ": the loopback fast path is for TCP only.");
			}
			return fastPath.request(request, channel);
		}
		catch (RuntimeException | LinkageError ex) {
			// Best effort: never break the listener, never stay silent
			fastPath.hookFailed(SocketRole.LISTENER, this.component, ex);
			return null;
		}
	}

	@Override
	protected SocketChannel serverSocketAccept() throws Exception {
		SocketChannel accepted = super.serverSocketAccept();
		this.record.accepted();
		return accepted;
	}

	@Override
	protected void doCloseServerSocket() throws IOException {
		try {
			super.doCloseServerSocket();
		}
		finally {
			this.record.closed();
		}
	}

}
