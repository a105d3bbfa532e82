package io.github.loopbackfastpath.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.engine.PlatformInfo;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.SocketOutcome;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.report.Addresses;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} that shows, socket by socket, what the loopback fast path
 * did. Handles are checked against the real sockets when it is read, never on the
 * connection path.
 *
 * @author Loopback Fast Path contributors
 */
@Endpoint(id = "loopbackfastpath")
public class LoopbackFastPathEndpoint {

	private static final String APPLIED_MEANS = "APPLIED means Windows accepted the request, not that traffic takes "
			+ "the fast path: a Windows Filtering Platform callout (firewall, antivirus) silently forces the normal "
			+ "path. Confirm on the machine with the Microsoft-Windows-TCPIP event provider, event 1228 "
			+ "(TcpLoopbackFastPathFailReason).";

	/**
	 * What the endpoint and the health contributor say of the ioctl without JNA.
	 */
	public static final String BACKED_OFF = "backed off: JNA (net.java.dev.jna:jna), through which the ioctl is "
			+ "requested, is not on the classpath; the same-host mode needs no native code";

	private final Supplier<@Nullable FastPathEngine> engine;

	private final SocketRegistry registry;

	private final boolean enabled;

	private final @Nullable SocketPublisher unixDomain;

	/**
	 * Create the endpoint.
	 * @param engine the engine, for the platform and the handle checks, asked for when
	 * the endpoint is read (with the ioctl off, nothing needs it to start), giving
	 * {@code null} when it backed off (no JNA)
	 * @param registry the records
	 * @param enabled whether the fast path is enabled
	 * @param unixDomain the same-host mode's published sockets, or {@code null} when it
	 * is off
	 */
	public LoopbackFastPathEndpoint(Supplier<@Nullable FastPathEngine> engine, SocketRegistry registry, boolean enabled,
			@Nullable SocketPublisher unixDomain) {
		this.engine = engine;
		this.registry = registry;
		this.enabled = enabled;
		this.unixDomain = unixDomain;
	}

	/**
	 * The whole report.
	 * @return the report
	 */
	@ReadOperation
	public LoopbackFastPathDescriptor report() {
		FastPathEngine engine = this.engine.get();
		List<SocketDescriptor> sockets = this.registry.records()
			.stream()
			.map((record) -> describe(record, engine))
			.toList();
		return new LoopbackFastPathDescriptor(this.enabled, (engine != null) ? engine.platformInfo() : null,
				(engine != null) ? null : BACKED_OFF, this.registry.totals(), this.registry.openCount(),
				this.registry.notCovered(), describeUnixDomain(), APPLIED_MEANS, sockets);
	}

	/**
	 * One socket's record.
	 * @param id the record's id
	 * @return the record, or {@code null} (404) if it is not kept
	 */
	@ReadOperation
	public @Nullable SocketDescriptor socket(@Selector long id) {
		this.registry.sweep();
		FastPathEngine engine = this.engine.get();
		return this.registry.find(id).map((record) -> describe(record, engine)).orElse(null);
	}

	private UnixDomainDescriptor describeUnixDomain() {
		SocketPublisher sockets = this.unixDomain;
		if (sockets == null) {
			return new UnixDomainDescriptor(false, null, null, List.of());
		}
		List<PublishedSocketDescriptor> published = sockets.published()
			.values()
			.stream()
			.map((socket) -> new PublishedSocketDescriptor(socket.port(), socket.path().toString(), socket.component(),
					!socket.isSocketOnly(), socket.acceptedConnections(), socket.peerUsers().counts(),
					socket.identityLimitation()))
			.toList();
		return new UnixDomainDescriptor(true, sockets.directory().toString(), sockets.unavailable(), published);
	}

	private SocketDescriptor describe(SocketRecord record, @Nullable FastPathEngine engine) {
		SocketOutcome outcome = record.outcome();
		Instant closedAt = record.closedAt();
		return new SocketDescriptor(record.id(), outcome.role().name(), outcome.component(),
				Addresses.format(record.localAddress()), Addresses.format(record.remoteAddress()),
				record.loopbackPeer(), record.handle(), (engine != null) ? engine.verifyHandle(record) : null,
				(outcome.stage() != null) ? outcome.stage().name() : null, outcome.status().name(), outcome.errorCode(),
				outcome.errorName(), outcome.message(), outcome.time().toString(), record.isOpen(),
				(closedAt != null) ? closedAt.toString() : null, record.acceptedConnections(),
				outcome.transport().name(), outcome.path());
	}

	/**
	 * The whole report.
	 *
	 * @param enabled whether the fast path is enabled
	 * @param platform the machine and JVM, or {@code null} when the ioctl backed off
	 * @param ioctl why the ioctl backed off (no JNA), or {@code null}
	 * @param summary how many sockets had each status since start-up
	 * @param openSockets how many recorded sockets are open
	 * @param notCovered the components whose sockets the starter cannot reach, with the
	 * reason and the way out
	 * @param unixDomain the same-host mode: directory and published sockets
	 * @param note what {@code APPLIED} does and does not mean
	 * @param sockets the records of open sockets, then of recently closed ones
	 */
	public record LoopbackFastPathDescriptor(boolean enabled, @Nullable PlatformInfo platform, @Nullable String ioctl,
			Map<FastPathStatus, Long> summary, int openSockets, Map<String, String> notCovered,
			UnixDomainDescriptor unixDomain, String note,
			List<SocketDescriptor> sockets) implements OperationResponseBody {

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
	 * @param handleVerified whether the OS confirmed the handle is this socket, checked
	 * now
	 * @param stage when the fast path was requested
	 * @param status what happened
	 * @param errorCode the Winsock error code
	 * @param errorName the Winsock error's name
	 * @param message what happened, in words
	 * @param time when it happened
	 * @param open whether the socket is open
	 * @param closedAt when it was seen closed
	 * @param acceptedConnections connections a listener accepted
	 * @param transport {@code TCP} or {@code UNIX_DOMAIN}
	 * @param path the socket file of an AF_UNIX socket, or {@code null}
	 */
	public record SocketDescriptor(long id, String role, String component, @Nullable String localAddress,
			@Nullable String remoteAddress, @Nullable Boolean loopbackPeer, @Nullable Long handle,
			@Nullable Boolean handleVerified, @Nullable String stage, String status, @Nullable Integer errorCode,
			@Nullable String errorName, @Nullable String message, String time, boolean open, @Nullable String closedAt,
			long acceptedConnections, String transport, @Nullable String path) implements OperationResponseBody {

	}

	/**
	 * The same-host mode.
	 *
	 * @param enabled whether it is on
	 * @param directory the directory the sockets are published in
	 * @param unavailable why this JVM cannot use AF_UNIX sockets, or {@code null} if it
	 * can
	 * @param published the sockets published now
	 */
	public record UnixDomainDescriptor(boolean enabled, @Nullable String directory, @Nullable String unavailable,
			List<PublishedSocketDescriptor> published) {

	}

	/**
	 * An AF_UNIX socket published beside a TCP listener, or instead of one.
	 *
	 * @param port the TCP port whose requests it serves
	 * @param path the socket file
	 * @param component what serves it
	 * @param tcpListener whether its server also listens on the TCP port; {@code false}
	 * for a server that listens on its socket only
	 * ({@code loopback.fast-path.unix-domain.socket-only})
	 * @param acceptedConnections how many connections it accepted
	 * @param peerUsers the users whose processes connected, with how many connections
	 * each made ({@code (unknown)} where the OS did not tell; bounded, see
	 * {@code PeerUsers})
	 * @param identityLimitation what the requests over it lack of their callers'
	 * identity, and why, or {@code null} if they carry all of it
	 */
	public record PublishedSocketDescriptor(int port, String path, String component, boolean tcpListener,
			long acceptedConnections, Map<String, Long> peerUsers, @Nullable String identityLimitation) {

	}

}
