package io.github.loopbackfastpath.engine;

import java.net.InetSocketAddress;
import java.nio.channels.Channel;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.function.Supplier;

import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.jdk.JdkFastLoopback;
import io.github.loopbackfastpath.platform.FastPathError;
import io.github.loopbackfastpath.platform.NativeHandle;
import io.github.loopbackfastpath.platform.SocketPlatform;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.LiveSocket;
import io.github.loopbackfastpath.registry.SocketOutcome;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.SocketRole;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind {@link LoopbackFastPath}: decides for each socket (role enabled,
 * platform, Windows build, handle reached), asks the {@link SocketPlatform} for the fast
 * path, and records the outcome in the {@link SocketRegistry}. A refused or impossible
 * request never throws and never changes the socket.
 *
 * @author Loopback Fast Path contributors
 */
public final class FastPathEngine implements LoopbackFastPath {

	private final SocketPlatform platform;

	private final Supplier<ChannelHandles> handles;

	private final SocketRegistry registry;

	private final boolean serverEnabled;

	private final boolean clientEnabled;

	private final Safeguards safeguards;

	private final SettingNames settingNames;

	private final boolean jdkFastLoopback;

	/**
	 * Create an engine with the default guards, built by hand.
	 * @param platform the operating system's side
	 * @param handles how to reach the native handles of JDK channels
	 * @param registry where records go
	 * @param serverEnabled whether listeners get the fast path
	 * @param clientEnabled whether clients get the fast path
	 */
	public FastPathEngine(SocketPlatform platform, ChannelHandles handles, SocketRegistry registry,
			boolean serverEnabled, boolean clientEnabled) {
		this(platform, handles, registry, serverEnabled, clientEnabled, Safeguards.DEFAULTS,
				SettingNames.CONSTRUCTOR_ARGUMENTS);
	}

	/**
	 * Create an engine.
	 * @param platform the operating system's side
	 * @param handles how to reach the native handles of JDK channels
	 * @param registry where records go
	 * @param serverEnabled whether listeners get the fast path
	 * @param clientEnabled whether clients get the fast path
	 * @param safeguards the Windows builds never to request it on
	 * @param settingNames how messages name the settings the engine was built from
	 */
	public FastPathEngine(SocketPlatform platform, ChannelHandles handles, SocketRegistry registry,
			boolean serverEnabled, boolean clientEnabled, Safeguards safeguards, SettingNames settingNames) {
		this(platform, () -> handles, registry, serverEnabled, clientEnabled, safeguards, settingNames);
	}

	/**
	 * Create an engine that finds how to reach the native handles of JDK channels when it
	 * first needs one: at the first socket where the OS has the ioctl, else when the
	 * endpoint or the start-up summary reads them.
	 * @param platform the operating system's side
	 * @param handles gives how to reach the native handles of JDK channels, asked each
	 * time one is needed: one that finds it once, such as a memoizing
	 * {@code ChannelHandles::detect}
	 * @param registry where records go
	 * @param serverEnabled whether listeners get the fast path
	 * @param clientEnabled whether clients get the fast path
	 * @param safeguards the Windows builds never to request it on
	 * @param settingNames how messages name the settings the engine was built from
	 */
	public FastPathEngine(SocketPlatform platform, Supplier<ChannelHandles> handles, SocketRegistry registry,
			boolean serverEnabled, boolean clientEnabled, Safeguards safeguards, SettingNames settingNames) {
		this.platform = platform;
		this.handles = handles;
		this.registry = registry;
		this.serverEnabled = serverEnabled;
		this.clientEnabled = clientEnabled;
		this.safeguards = safeguards;
		this.settingNames = settingNames;
		this.jdkFastLoopback = JdkFastLoopback.isEnabled(System.getProperty(JdkFastLoopback.PROPERTY));
	}

	@Override
	public boolean isEnabled(SocketRole role) {
		return (role == SocketRole.LISTENER) ? this.serverEnabled : this.clientEnabled;
	}

	@Override
	public SocketRecord request(SocketRequest request, Channel channel) {
		if (!isEnabled(request.role())) {
			return disabled(request);
		}
		if (!this.platform.supportsFastPath()) {
			return unsupported(request, NativeHandle.readLater(channel, (later) -> this.handles.get().lookup(later)));
		}
		return request(request, this.handles.get().lookup(channel));
	}

	@Override
	public SocketRecord request(SocketRequest request, Supplier<NativeHandle> handle) {
		if (!isEnabled(request.role())) {
			return disabled(request);
		}
		if (!this.platform.supportsFastPath()) {
			return unsupported(request, handle);
		}
		return request(request, handle.get());
	}

	// Where the OS has no ioctl nothing native is needed: the handle is read when the
	// endpoint is read, not on the connection path and not at start-up
	private SocketRecord unsupported(SocketRequest request, Supplier<NativeHandle> handle) {
		SocketRecord record = record(request, FastPathStatus.UNSUPPORTED_PLATFORM,
				NativeHandle.unavailable("Read when asked for"), null,
				"SIO_LOOPBACK_FAST_PATH exists only on Windows; " + this.platform.osName() + " "
						+ this.platform.osVersion() + " has no equivalent, so the socket was left unchanged.");
		record.readHandleLater(() -> handle.get().value());
		return record;
	}

	private SocketRecord request(SocketRequest request, NativeHandle handle) {
		Long value = handle.value();
		String refusal = this.safeguards.refusal(this.platform.windowsBuild(), this.settingNames);
		if (refusal != null) {
			return record(request, FastPathStatus.SKIPPED, handle, null, refusal);
		}
		if (value == null) {
			return record(request, FastPathStatus.HANDLE_UNAVAILABLE, handle, null, String.valueOf(handle.problem()));
		}
		int error;
		try {
			error = this.platform.enableLoopbackFastPath(value);
		}
		catch (RuntimeException | LinkageError ex) {
			return record(request, FastPathStatus.FAILED, handle, null,
					"The Winsock ioctl SIO_LOOPBACK_FAST_PATH could not be called: " + ex);
		}
		if (error == 0) {
			return record(request, FastPathStatus.APPLIED, handle, null,
					"Windows accepted the request. This does not prove the fast path is used: a Windows Filtering "
							+ "Platform callout (firewall, antivirus) silently forces the normal path.");
		}
		FastPathError failure = this.platform.error(error);
		if (failure.meaning() == FastPathError.Meaning.NOT_SUPPORTED) {
			return record(request, FastPathStatus.UNSUPPORTED_BY_TRANSPORT, handle, failure,
					failure.message() + " The socket works normally without it.");
		}
		return record(request, FastPathStatus.FAILED, handle, failure,
				failure.message() + " The socket works normally without the fast path.");
	}

	@Override
	public SocketRecord skip(SocketRequest request, String reason) {
		return record(request, FastPathStatus.SKIPPED, NativeHandle.unavailable(reason), null, reason);
	}

	@Override
	public SocketRecord notTcp(SocketRole role, String component, Path path, @Nullable LiveSocket socket) {
		return this.registry.registerUnixDomain(role, component, FastPathStatus.NOT_APPLICABLE,
				"An AF_UNIX socket: no TCP, so no loopback fast path to request.", path, socket);
	}

	@Override
	public SocketRecord disabled(SocketRequest request) {
		return record(request, FastPathStatus.DISABLED, NativeHandle.unavailable("disabled"), null,
				"Turned off by configuration (" + this.settingNames.roleSwitch(request.role())
						+ "): the socket was left unchanged.");
	}

	@Override
	public void hookFailed(SocketRole role, String component, Throwable failure) {
		try {
			skip(SocketRequest.unreached(role, component, null),
					"The starter's hook failed on this socket, which was left as it was: " + failure);
		}
		catch (RuntimeException | LinkageError ex) {
			// Nothing more can be done without risking the socket
		}
	}

	@Override
	public void notCovered(String component, String reason) {
		this.registry.notCovered(component, reason);
	}

	@Override
	public NativeHandle handleOf(Channel channel) {
		return this.handles.get().lookup(channel);
	}

	private SocketRecord record(SocketRequest request, FastPathStatus status, NativeHandle handle,
			@Nullable FastPathError error, String message) {
		if (this.jdkFastLoopback && this.platform.supportsFastPath()) {
			message = message + " The JDK's own switch jdk.net.useFastTcpLoopback is on: the JDK requested the fast "
					+ "path for this socket itself when it was created.";
		}
		SocketOutcome outcome = new SocketOutcome(request.role(), request.component(), request.stage(), status,
				handle.value(), (error != null) ? error.code() : null, (error != null) ? error.name() : null, message,
				this.registry.now());
		return this.registry.register(outcome, request.socket(), request.localAddress(), request.remoteAddress());
	}

	/**
	 * Check an open record's handle against the real socket: the port the OS reports for
	 * the handle must be the port the Java socket is bound to. Costs a native call, so it
	 * is only done when records are read.
	 * @param record the record
	 * @return whether the handle is the socket, or {@code null} when it cannot be told
	 * (closed, not bound yet, no handle)
	 */
	public @Nullable Boolean verifyHandle(SocketRecord record) {
		Long handle = record.handle();
		if (handle == null || !record.isOpen()) {
			return null;
		}
		InetSocketAddress local = record.localAddress();
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
				System.getProperty(JdkFastLoopback.PROPERTY), this.handles.get().access(), JdkFastLoopback.outcome(),
				new TreeSet<>(this.safeguards.unsafeBuilds()),
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
	 * The registry the outcomes go to.
	 * @return the registry
	 */
	public SocketRegistry registry() {
		return this.registry;
	}

}
