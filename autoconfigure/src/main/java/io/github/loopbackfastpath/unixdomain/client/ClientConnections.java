package io.github.loopbackfastpath.unixdomain.client;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.registry.TrackedSocket;
import io.github.loopbackfastpath.unixdomain.SocketBuffers;
import io.github.loopbackfastpath.unixdomain.UnixDomainRecorder;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;

/**
 * What a client adapter of the same-host mode does with a connection the
 * {@link UnixDomainRouter} routed: asks for the mode's buffer size on it and records it;
 * and where a client's requests stay on TCP, says so once.
 *
 * @author Loopback Fast Path contributors
 */
public final class ClientConnections {

	private final UnixDomainRecorder recorder;

	private final SocketBuffers buffers;

	private volatile boolean leavesClientsOnTcp;

	private volatile boolean leavesRestClientsOnTcp;

	/**
	 * Create the client side's records.
	 * @param recorder where client connections are recorded
	 * @param buffers the buffer size asked for on each AF_UNIX connection
	 */
	public ClientConnections(UnixDomainRecorder recorder, SocketBuffers buffers) {
		this.recorder = recorder;
		this.buffers = buffers;
	}

	/**
	 * The buffer size a client adapter asks for on each AF_UNIX connection it opens.
	 * @return the buffer size
	 */
	public SocketBuffers buffers() {
		return this.buffers;
	}

	/**
	 * Record a client connection made over an AF_UNIX socket.
	 * @param component the client, such as {@code reactor-netty-client}
	 * @param socket the socket file it connected to
	 * @param isOpen whether the connection is still open
	 * @return the record
	 */
	public TrackedSocket connected(String component, Path socket, BooleanSupplier isOpen) {
		return this.recorder.connected(component, socket, isOpen);
	}

	/**
	 * Say that the requests of a client stay on TCP in this mode.
	 * @param component the client
	 * @param reason why, and what to use instead
	 */
	public void notCovered(String component, String reason) {
		this.leavesClientsOnTcp = true;
		this.recorder.notCovered(component, reason);
	}

	/**
	 * Say that the application's {@code RestClient} and {@code RestTemplate} stay on TCP
	 * in this mode (a reactive application's), its {@code WebClient} not.
	 * @param reason why, and what to use instead
	 */
	public void restClientsNotCovered(String reason) {
		this.leavesRestClientsOnTcp = true;
		this.recorder.notCovered(Components.REST_CLIENT, reason);
	}

	/**
	 * Whether the application's {@code RestClient} and {@code RestTemplate} were said to
	 * stay on TCP, or any client.
	 * @return whether their requests may stay on TCP
	 */
	public boolean leavesRestClientsOnTcp() {
		return this.leavesRestClientsOnTcp || this.leavesClientsOnTcp;
	}

	/**
	 * Whether any client was said to stay on TCP in this mode.
	 * @return whether {@link #notCovered(String, String)} named one
	 */
	public boolean leavesClientsOnTcp() {
		return this.leavesClientsOnTcp;
	}

}
