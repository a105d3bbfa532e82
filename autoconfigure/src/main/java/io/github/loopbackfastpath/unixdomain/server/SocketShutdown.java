package io.github.loopbackfastpath.unixdomain.server;

import org.springframework.context.SmartLifecycle;

/**
 * Shuts a published socket down with the server it was published beside, in the phase of
 * Spring Boot's graceful shutdown of that server's context: its name is removed at once
 * (new clients go to TCP, which is closing too), and with
 * {@code server.shutdown=graceful} (Spring Boot's default) the requests in flight on it
 * finish as those on TCP do.
 *
 * @author Loopback Fast Path contributors
 */
public final class SocketShutdown implements SmartLifecycle {

	private final PublishedSocket socket;

	private final boolean graceful;

	private final int phase;

	private volatile boolean running = true;

	/**
	 * Create the shutdown of one socket.
	 * @param socket the published socket
	 * @param graceful whether requests in flight finish
	 * @param phase the phase in which the server beside it shuts down
	 */
	public SocketShutdown(PublishedSocket socket, boolean graceful, int phase) {
		this.socket = socket;
		this.graceful = graceful;
		this.phase = phase;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		if (this.graceful) {
			this.socket.shutDownGracefully(callback);
		}
		else {
			this.socket.unpublish();
			callback.run();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

}
