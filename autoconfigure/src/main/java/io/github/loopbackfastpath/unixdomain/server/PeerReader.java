package io.github.loopbackfastpath.unixdomain.server;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.platform.NativeHandle;
import io.github.loopbackfastpath.platform.posix.PeerCredentials;
import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.util.function.SingletonSupplier;

/**
 * Reads the {@link PeerIdentity} of a connection accepted on a published socket, once per
 * connection, for every server of the mode: the names from the JDK ({@code SO_PEERCRED}
 * on Linux and macOS), the numeric ids and the process id from libc through JNA (bound at
 * the first connection, never at start-up). Never throws: a peer that cannot be read is
 * {@code null}, and the connection is served as before.
 *
 * @author Loopback Fast Path contributors
 */
public final class PeerReader {

	private static final int NAMES_KEPT = 1024;

	private final Supplier<ChannelHandles> handles;

	private final boolean nativeIds;

	private volatile boolean prepared;

	private volatile @Nullable String limitation;

	private final Map<Long, String> users = new ConcurrentHashMap<>();

	private final Map<Long, String> groups = new ConcurrentHashMap<>();

	/**
	 * Create a reader that reads numeric ids where JNA is on the class path.
	 * @param handles how file descriptors of JDK channels are reached
	 */
	public PeerReader(ChannelHandles handles) {
		this(() -> handles);
	}

	/**
	 * Create a reader that reads numeric ids where JNA is on the class path, with how
	 * file descriptors are reached found when first needed: in the background once the
	 * application is ready ({@link #prepareInTheBackground()}), else by the first caller.
	 * @param handles finds how file descriptors of JDK channels are reached, such as
	 * {@code ChannelHandles::detect}; asked once
	 */
	public PeerReader(Supplier<ChannelHandles> handles) {
		// Without loading a JNA class: nothing native to start the application
		this(handles, new ClassPathResource("com/sun/jna/Native.class", PeerReader.class.getClassLoader()).exists());
	}

	PeerReader(Supplier<ChannelHandles> handles, boolean nativeIds) {
		this.handles = SingletonSupplier.of(handles);
		this.nativeIds = nativeIds;
	}

	/**
	 * Bind what reads the numeric ids (JNA and libc, 0.1 to 0.2 s) on a thread of its
	 * own, once the application is ready, so that the first caller does not wait for it;
	 * nothing where JNA is absent.
	 */
	public void prepareInTheBackground() {
		if (!this.nativeIds || this.prepared) {
			return;
		}
		this.prepared = true;
		Thread thread = new Thread(() -> {
			try {
				this.handles.get();
				PeerCredentials.bind();
			}
			catch (RuntimeException | LinkageError ex) {
				// Each connection's ids are then null, as without JNA
			}
		}, "loopback-fast-path-peer-ids");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * The peer of a JDK channel accepted on an AF_UNIX socket.
	 * @param channel the accepted channel
	 * @return the peer, or {@code null} if the OS does not tell
	 */
	public @Nullable PeerIdentity read(SocketChannel channel) {
		UnixDomainPrincipal principal;
		try {
			principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
		PeerCredentials ids = null;
		if (this.nativeIds) {
			NativeHandle handle = this.handles.get().lookup(channel);
			ids = (handle.value() != null) ? credentials(handle.value().intValue()) : null;
			if (handle.value() == null) {
				this.limitation = "The native socket of a caller's connection cannot be reached, so its numeric ids "
						+ "are not read: " + handle.problem();
			}
		}
		return new PeerIdentity(principal.user().getName(), (ids != null) ? ids.uid() : null,
				principal.group().getName(), (ids != null) ? ids.gid() : null, (ids != null) ? ids.pid() : null);
	}

	/**
	 * The peer of a connected AF_UNIX socket known by its file descriptor (Netty's native
	 * transports).
	 * @param fd the socket's file descriptor
	 * @return the peer, or {@code null} if it cannot be read (without JNA)
	 */
	public @Nullable PeerIdentity read(int fd) {
		PeerCredentials ids = this.nativeIds ? credentials(fd) : null;
		if (ids == null) {
			return null;
		}
		return new PeerIdentity(name(this.users, ids.uid(), PeerCredentials::userName), ids.uid(),
				name(this.groups, ids.gid(), PeerCredentials::groupName), ids.gid(), ids.pid());
	}

	private @Nullable PeerCredentials credentials(int fd) {
		try {
			PeerCredentials credentials = PeerCredentials.read(fd);
			if (credentials == null) {
				this.limitation = "The OS did not tell the numeric ids of a caller (SO_PEERCRED, getpeereid).";
			}
			return credentials;
		}
		catch (RuntimeException | LinkageError ex) {
			this.limitation = "Reading the numeric ids of a caller through libc failed: " + ex;
			return null;
		}
	}

	/**
	 * What callers' identities lack, and why: nothing where every part is read.
	 * @return the reason, or {@code null}
	 */
	public @Nullable String limitation() {
		String limitation = this.limitation;
		if (limitation == null && !this.nativeIds) {
			return "JNA is not on the class path: callers carry their user and group names, not their numeric "
					+ "ids or process id (on Netty's native transports, nothing). Add net.java.dev.jna:jna (the "
					+ "starter brings it).";
		}
		return limitation;
	}

	// As the JDK names a principal without a name: by its number
	private static String name(Map<Long, String> names, long id, LongFunction<@Nullable String> lookup) {
		String name = names.get(id);
		if (name == null) {
			String found;
			try {
				found = lookup.apply(id);
			}
			catch (RuntimeException | LinkageError ex) {
				found = null;
			}
			name = (found != null) ? found : Long.toString(id);
			if (names.size() >= NAMES_KEPT) {
				names.clear();
			}
			names.put(id, name);
		}
		return name;
	}

}
