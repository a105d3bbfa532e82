package io.github.loopbackfastpath.engine;

import java.net.InetSocketAddress;
import java.nio.channels.Channel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * The engine: requests the loopback fast path for a socket, best effort, and records what
 * happened. A refused or impossible request never throws and never changes the socket.
 * <p>
 * Hooks call {@link #request(SocketRequest, Channel)} at the moment Windows requires:
 * before a client connects, before a listener accepts.
 *
 * @author Loopback Fast Path contributors
 */
public final class LoopbackFastPath {

	private final SocketPlatform platform;

	private final NativeHandles handles;

	private final SocketRegistry registry;

	private final boolean serverEnabled;

	private final boolean clientEnabled;

	private final Safeguards safeguards;

	private final boolean jdkFastLoopback;

	private final List<SocketListener> listeners = new CopyOnWriteArrayList<>();

	private final Map<String, String> notCovered = new ConcurrentHashMap<>();

	/**
	 * Create an engine.
	 * @param platform the operating system's side
	 * @param handles how to reach native handles
	 * @param registry where records go
	 * @param serverEnabled whether listeners get the fast path
	 * @param clientEnabled whether clients get the fast path
	 */
	public LoopbackFastPath(SocketPlatform platform, NativeHandles handles, SocketRegistry registry,
			boolean serverEnabled, boolean clientEnabled) {
		this(platform, handles, registry, serverEnabled, clientEnabled, Safeguards.DEFAULTS);
	}

	/**
	 * Create an engine with guards of the operator's choosing.
	 * @param platform the operating system's side
	 * @param handles how to reach native handles
	 * @param registry where records go
	 * @param serverEnabled whether listeners get the fast path
	 * @param clientEnabled whether clients get the fast path
	 * @param safeguards the Windows builds never to request it on
	 */
	public LoopbackFastPath(SocketPlatform platform, NativeHandles handles, SocketRegistry registry,
			boolean serverEnabled, boolean clientEnabled, Safeguards safeguards) {
		this.platform = platform;
		this.handles = handles;
		this.registry = registry;
		this.serverEnabled = serverEnabled;
		this.clientEnabled = clientEnabled;
		this.safeguards = safeguards;
		this.jdkFastLoopback = PlatformInfo.isJdkFastLoopbackEnabled(
				System.getProperty(PlatformInfo.JDK_FAST_LOOPBACK_PROPERTY));
	}

	/**
	 * Whether sockets of a role get the fast path. Hooks that are installed for a disabled
	 * role leave the socket alone.
	 * @param role the role
	 * @return whether it is enabled
	 */
	public boolean isEnabled(SocketRole role) {
		return (role == SocketRole.LISTENER) ? this.serverEnabled : this.clientEnabled;
	}

	/**
	 * Register a listener told about every new record.
	 * @param listener the listener
	 */
	public void addListener(SocketListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Request the fast path for a JDK NIO channel.
	 * @param request what the hook knows
	 * @param channel the channel
	 * @return the record
	 */
	public SocketRecord request(SocketRequest request, Channel channel) {
		if (!isEnabled(request.role())) {
			return disabled(request);
		}
		return request(request, this.handles.lookup(channel));
	}

	/**
	 * Request the fast path for a socket whose handle the hook found itself (a library that
	 * exposes its descriptor).
	 * @param request what the hook knows
	 * @param handle the handle, or why it is unavailable
	 * @return the record
	 */
	public SocketRecord request(SocketRequest request, NativeHandle handle) {
		if (!isEnabled(request.role())) {
			return disabled(request);
		}
		Long value = handle.value();
		if (!this.platform.supportsFastPath()) {
			String message = "SIO_LOOPBACK_FAST_PATH exists only on Windows; " + this.platform.osName() + " "
					+ this.platform.osVersion() + " has no equivalent, so the socket was left unchanged"
					+ ((value == null) ? ". The native socket was not reached either: " + handle.problem() : ".");
			return record(request, FastPathStatus.UNSUPPORTED_PLATFORM, handle, null, message);
		}
		String refusal = this.safeguards.refusal(this.platform.windowsBuild());
		if (refusal != null) {
			return record(request, FastPathStatus.SKIPPED, handle, null, refusal);
		}
		if (value == null) {
			return record(request, FastPathStatus.HANDLE_UNAVAILABLE, handle, null, handle.problem());
		}
		int error;
		try {
			error = this.platform.enableLoopbackFastPath(value);
		}
		catch (RuntimeException | LinkageError ex) {
			return record(request, FastPathStatus.FAILED, handle, null,
					"WSAIoctl(SIO_LOOPBACK_FAST_PATH) could not be called: " + ex);
		}
		if (error == 0) {
			return record(request, FastPathStatus.APPLIED, handle, null,
					"Windows accepted the request. This does not prove the fast path is used: a Windows Filtering "
							+ "Platform callout (firewall, antivirus) silently forces the normal path.");
		}
		if (error == WsaError.WSAEOPNOTSUPP.code()) {
			return record(request, FastPathStatus.UNSUPPORTED_BY_TRANSPORT, handle, error,
					WsaError.WSAEOPNOTSUPP.message() + " The socket works normally without it.");
		}
		return record(request, FastPathStatus.FAILED, handle, error,
				WsaError.messageOf(error) + " The socket works normally without the fast path.");
	}

	/**
	 * Record a socket that was deliberately left alone.
	 * @param request what the hook knows
	 * @param reason why
	 * @return the record
	 */
	public SocketRecord skip(SocketRequest request, String reason) {
		return record(request, FastPathStatus.SKIPPED, NativeHandle.unavailable(reason), null, reason);
	}

	/**
	 * Record that a hook itself failed on a socket, which was left as it was. Never throws:
	 * this is what hooks call from their last line of defence.
	 * @param role the socket's role
	 * @param component what opened the socket
	 * @param failure what went wrong
	 */
	public void hookFailed(SocketRole role, String component, Throwable failure) {
		try {
			skip(SocketRequest.unreached(role, component, null),
					"The starter's hook failed on this socket, which was left as it was: " + failure);
		}
		catch (RuntimeException | LinkageError ex) {
			// Nothing more can be done without risking the socket
		}
	}

	/**
	 * Record a socket left alone because configuration turned the fast path off.
	 * @param request what the hook knows
	 * @return the record
	 */
	public SocketRecord disabled(SocketRequest request) {
		String property = (request.role() == SocketRole.LISTENER) ? "loopback.fast-path.server.enabled"
				: "loopback.fast-path.client.enabled";
		return record(request, FastPathStatus.DISABLED, NativeHandle.unavailable("disabled"), null,
				"Turned off by configuration (" + property + "): the socket was left unchanged.");
	}

	/**
	 * Say that the sockets of a component are out of reach: it offers no hook before
	 * connect or accept, or the application chose something the starter does not hook.
	 * Repeated notes for a component replace each other.
	 * @param component the component, such as {@code jdk-httpclient}
	 * @param reason why, and what to do instead
	 */
	public void notCovered(String component, String reason) {
		this.notCovered.put(component, reason);
	}

	/**
	 * The components whose sockets are out of reach, with the reason.
	 * @return the reason per component, sorted by component
	 */
	public Map<String, String> notCovered() {
		return new TreeMap<>(this.notCovered);
	}

	private SocketRecord record(SocketRequest request, FastPathStatus status, NativeHandle handle,
			@Nullable Integer errorCode, @Nullable String message) {
		if (this.jdkFastLoopback && this.platform.supportsFastPath() && message != null) {
			message = message + " The JDK's own switch jdk.net.useFastTcpLoopback is on: the JDK requested the fast "
					+ "path for this socket itself when it was created.";
		}
		SocketRecord record = this.registry.register(request, status, handle, errorCode, message);
		for (SocketListener listener : this.listeners) {
			try {
				listener.recorded(record);
			}
			catch (RuntimeException ex) {
				// A listener must never break a socket
			}
		}
		return record;
	}

	/**
	 * Check an open record's handle against the real socket: the port the OS reports for the
	 * handle must be the port the Java socket is bound to. Costs a native call, so it is
	 * only done when records are read.
	 * @param record the record
	 * @return whether the handle is the socket, or {@code null} when it cannot be told (closed,
	 * not bound yet, no handle)
	 */
	public @Nullable Boolean verifyHandle(SocketRecord record) {
		Long handle = record.handle();
		LiveSocket socket = record.socket();
		if (handle == null || socket == null || !record.isOpen()) {
			return null;
		}
		InetSocketAddress local = socket.localAddress();
		if (local == null || local.getPort() == 0) {
			return null;
		}
		try {
			return this.platform.localPort(handle) == local.getPort();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * What the starter knows about this machine and JVM.
	 * @return the platform information
	 */
	public PlatformInfo platformInfo() {
		Integer build = this.platform.windowsBuild();
		return new PlatformInfo(this.platform.osName(), this.platform.osVersion(), build,
				this.platform.supportsFastPath(), this.platform.nativeLibrary(), Runtime.version().toString(),
				System.getProperty(PlatformInfo.JDK_FAST_LOOPBACK_PROPERTY), this.handles.access(),
				JdkFastLoopback.outcome(), new java.util.TreeSet<>(this.safeguards.unsafeBuilds()),
				build != null && this.safeguards.unsafeBuilds().contains(build));
	}

	/**
	 * The guards in force.
	 * @return the guards
	 */
	public Safeguards safeguards() {
		return this.safeguards;
	}

	/**
	 * The registry of records.
	 * @return the registry
	 */
	public SocketRegistry registry() {
		return this.registry;
	}

	/**
	 * How native handles are reached.
	 * @return the handle finder
	 */
	public NativeHandles handles() {
		return this.handles;
	}

}
