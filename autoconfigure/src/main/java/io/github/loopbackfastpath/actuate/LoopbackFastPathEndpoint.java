package io.github.loopbackfastpath.actuate;

import java.util.List;
import java.util.Map;

import io.github.loopbackfastpath.autoconfigure.Addresses;
import io.github.loopbackfastpath.engine.FastPathStatus;
import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.PlatformInfo;
import io.github.loopbackfastpath.engine.SocketRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} that shows, socket by socket, what the loopback fast path did.
 * Handles are checked against the real sockets when it is read, never on the connection
 * path.
 *
 * @author Loopback Fast Path contributors
 */
@Endpoint(id = "loopbackfastpath")
public class LoopbackFastPathEndpoint {

	private static final String APPLIED_MEANS = "APPLIED means Windows accepted the request, not that traffic takes "
			+ "the fast path: a Windows Filtering Platform callout (firewall, antivirus) silently forces the normal "
			+ "path. Confirm on the machine with the Microsoft-Windows-TCPIP event provider, event 1228 "
			+ "(TcpLoopbackFastPathFailReason).";

	private final LoopbackFastPath fastPath;

	private final boolean enabled;

	/**
	 * Create the endpoint.
	 * @param fastPath the engine
	 * @param enabled whether the fast path is enabled
	 */
	public LoopbackFastPathEndpoint(LoopbackFastPath fastPath, boolean enabled) {
		this.fastPath = fastPath;
		this.enabled = enabled;
	}

	/**
	 * The whole report.
	 * @return the report
	 */
	@ReadOperation
	public LoopbackFastPathDescriptor report() {
		List<SocketDescriptor> sockets = this.fastPath.registry().records().stream().map(this::describe).toList();
		return new LoopbackFastPathDescriptor(this.enabled, this.fastPath.platformInfo(),
				this.fastPath.registry().totals(), this.fastPath.registry().openCount(), this.fastPath.notCovered(),
				APPLIED_MEANS, sockets);
	}

	/**
	 * One socket's record.
	 * @param id the record's id
	 * @return the record, or {@code null} (404) if it is not kept
	 */
	@ReadOperation
	public @Nullable SocketDescriptor socket(@Selector long id) {
		this.fastPath.registry().sweep();
		return this.fastPath.registry().find(id).map(this::describe).orElse(null);
	}

	private SocketDescriptor describe(SocketRecord record) {
		return new SocketDescriptor(record.id(), record.role().name(), record.component(),
				Addresses.format(record.localAddress()), Addresses.format(record.remoteAddress()), record.loopbackPeer(),
				record.handle(), this.fastPath.verifyHandle(record),
				(record.stage() != null) ? record.stage().name() : null, record.status().name(), record.errorCode(),
				record.errorName(), record.message(), record.time().toString(), record.isOpen(),
				(record.closedAt() != null) ? record.closedAt().toString() : null, record.acceptedConnections());
	}

	/**
	 * The whole report.
	 *
	 * @param enabled whether the fast path is enabled
	 * @param platform the machine and JVM
	 * @param summary how many sockets had each status since start-up
	 * @param openSockets how many recorded sockets are open
	 * @param notCovered the components whose sockets the starter cannot reach, with the
	 * reason and the way out
	 * @param note what {@code APPLIED} does and does not mean
	 * @param sockets the records of open sockets, then of recently closed ones
	 */
	public record LoopbackFastPathDescriptor(boolean enabled, PlatformInfo platform, Map<FastPathStatus, Long> summary,
			int openSockets, Map<String, String> notCovered, String note, List<SocketDescriptor> sockets) implements OperationResponseBody {

	}

	/**
	 * One socket's record.
	 *
	 * @param id the record's id
	 * @param role {@code LISTENER} or {@code CLIENT}
	 * @param component what opened the socket
	 * @param localAddress the local address
	 * @param remoteAddress the remote address of a client
	 * @param loopbackPeer whether a connected client's peer is on loopback
	 * @param handle the native socket
	 * @param handleVerified whether the OS confirmed the handle is this socket, checked now
	 * @param stage when the fast path was requested
	 * @param status what happened
	 * @param errorCode the Winsock error code
	 * @param errorName the Winsock error's name
	 * @param message what happened, in words
	 * @param time when it happened
	 * @param open whether the socket is open
	 * @param closedAt when it was seen closed
	 * @param acceptedConnections connections a listener accepted
	 */
	public record SocketDescriptor(long id, String role, String component, @Nullable String localAddress,
			@Nullable String remoteAddress, @Nullable Boolean loopbackPeer, @Nullable Long handle,
			@Nullable Boolean handleVerified, @Nullable String stage, String status, @Nullable Integer errorCode,
			@Nullable String errorName, @Nullable String message, String time, boolean open, @Nullable String closedAt,
			long acceptedConnections) implements OperationResponseBody {

	}

}
