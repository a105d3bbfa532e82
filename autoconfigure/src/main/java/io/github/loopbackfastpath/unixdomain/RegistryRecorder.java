package io.github.loopbackfastpath.unixdomain;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.LiveSocket;
import io.github.loopbackfastpath.registry.SocketOutcome;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.registry.TrackedSocket;
import io.github.loopbackfastpath.registry.Transport;
import org.jspecify.annotations.Nullable;

/**
 * Records what the same-host mode did in the {@link SocketRegistry} the endpoint, the
 * metrics and the health contributor read, as records with transport
 * {@link Transport#UNIX_DOMAIN} and the socket's path.
 *
 * @author Loopback Fast Path contributors
 */
public final class RegistryRecorder implements UnixDomainRecorder {

	private final SocketRegistry registry;

	/**
	 * Create a recorder.
	 * @param registry where the records go
	 */
	public RegistryRecorder(SocketRegistry registry) {
		this.registry = registry;
	}

	@Override
	public TrackedSocket published(String component, int port, Path socket, boolean socketOnly,
			BooleanSupplier isOpen) {
		return register(SocketRole.LISTENER, component, FastPathStatus.NOT_APPLICABLE,
				socketOnly
						? SocketOutcome.NO_TCP_LISTENER + "the server of port " + port
								+ " serves on this AF_UNIX socket only (loopback.fast-path.unix-domain.socket-only)."
						: "Published: the requests of TCP port " + port + " are also served on this AF_UNIX socket.",
				socket, isOpen);
	}

	@Override
	public TrackedSocket skipped(String component, Path socket, String reason) {
		return register(SocketRole.LISTENER, component, FastPathStatus.SKIPPED, reason, socket, null);
	}

	@Override
	public TrackedSocket connected(String component, Path socket, BooleanSupplier isOpen) {
		return register(SocketRole.CLIENT, component, FastPathStatus.NOT_APPLICABLE,
				"Sent over the AF_UNIX socket of the same-host mode instead of TCP: no TCP, no ioctl needed.", socket,
				isOpen);
	}

	@Override
	public void notCovered(String component, String reason) {
		this.registry.notCovered(component, reason);
	}

	private TrackedSocket register(SocketRole role, String component, FastPathStatus status, String message,
			Path socket, @Nullable BooleanSupplier isOpen) {
		return this.registry.registerUnixDomain(role, component, status, message, socket,
				(isOpen != null) ? new PathSocket(isOpen) : null);
	}

	private static final class PathSocket extends LiveSocket {

		private final BooleanSupplier isOpen;

		PathSocket(BooleanSupplier isOpen) {
			this.isOpen = isOpen;
		}

		@Override
		public boolean isOpen() {
			return this.isOpen.getAsBoolean();
		}

		@Override
		protected @Nullable InetSocketAddress readLocalAddress() {
			return null;
		}

		@Override
		protected @Nullable InetSocketAddress readRemoteAddress() {
			return null;
		}

	}

}
