package io.github.loopbackfastpath.client.httpclient5;

import java.io.IOException;
import java.net.Proxy;
import java.net.Socket;
import java.nio.channels.SocketChannel;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.registry.LiveSocket;
import io.github.loopbackfastpath.registry.SocketRole;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Makes HttpClient's plain sockets from JDK socket channels: the returned socket is the
 * channel's own ({@link SocketChannel#socket()}), whose native handle is reachable, and
 * it gets the fast path before HttpClient connects it. Sockets through a SOCKS proxy are
 * made by HttpClient's own factory and recorded as skipped.
 *
 * @author Loopback Fast Path contributors
 */
final class FastPathDetachedSocketFactory implements DetachedSocketFactory {

	private final DetachedSocketFactory delegate;

	private final LoopbackFastPath fastPath;

	FastPathDetachedSocketFactory(DetachedSocketFactory delegate, LoopbackFastPath fastPath) {
		this.delegate = delegate;
		this.fastPath = fastPath;
	}

	@Override
	public Socket create(@Nullable Proxy proxy) throws IOException {
		return create("http", proxy);
	}

	@Override
	public Socket create(String schemeName, @Nullable Proxy proxy) throws IOException {
		if (proxy != null && proxy.type() != Proxy.Type.DIRECT) {
			Socket socket = this.delegate.create(schemeName, proxy);
			this.fastPath.skip(SocketRequest.unreached(SocketRole.CLIENT, Components.HTTPCLIENT5, null),
					"The connection goes through the " + proxy.type() + " proxy " + proxy.address()
							+ ": the fast path is between this JVM and the proxy's host, if at all.");
			return socket;
		}
		SocketChannel channel = SocketChannel.open();
		try {
			this.fastPath.request(SocketRequest.client(Components.HTTPCLIENT5, LiveSocket.of(channel), null), channel);
		}
		catch (RuntimeException | LinkageError ex) {
			// Best effort: never break a connection, never stay silent
			this.fastPath.hookFailed(SocketRole.CLIENT, Components.HTTPCLIENT5, ex);
		}
		return channel.socket();
	}

}
