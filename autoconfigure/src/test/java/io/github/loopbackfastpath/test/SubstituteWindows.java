package io.github.loopbackfastpath.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;

import io.github.loopbackfastpath.platform.FastPathError;
import io.github.loopbackfastpath.platform.SocketPlatform;
import io.github.loopbackfastpath.platform.winsock.WsaError;
import org.jspecify.annotations.Nullable;

/**
 * A substitute at the Winsock boundary: a "Windows" whose ioctl answers what the test
 * says, to reach outcomes no machine here produces (success, rare WSA errors). Before it
 * answers, it looks at the handle it was given through real libc calls, so a test can
 * prove that the hook handed over the right socket at the right moment.
 */
public final class SubstituteWindows implements SocketPlatform {

	private final int answer;

	private final @Nullable Integer build;

	private final List<Observation> observations = new CopyOnWriteArrayList<>();

	private final LongFunction<@Nullable String> extraObservation;

	private SubstituteWindows(int answer, @Nullable Integer build, LongFunction<@Nullable String> extraObservation) {
		this.answer = answer;
		this.build = build;
		this.extraObservation = extraObservation;
	}

	/**
	 * A Windows that accepts the ioctl.
	 * @return the substitute
	 */
	public static SubstituteWindows accepting() {
		return answering(0);
	}

	/**
	 * A Windows that answers the given Winsock error (0 for success).
	 * @param error the error code
	 * @return the substitute
	 */
	public static SubstituteWindows answering(int error) {
		return new SubstituteWindows(error, 19045, (fd) -> null);
	}

	/**
	 * The same substitute that also records a test's own observation of each handle
	 * (taken at the moment of the ioctl).
	 * @param observation what to observe
	 * @return a new substitute
	 */
	public SubstituteWindows observing(LongFunction<@Nullable String> observation) {
		return new SubstituteWindows(this.answer, this.build, observation);
	}

	/**
	 * The same substitute on another build.
	 * @param build the build number
	 * @return a new substitute
	 */
	public SubstituteWindows onBuild(int build) {
		return new SubstituteWindows(this.answer, build, this.extraObservation);
	}

	/**
	 * What the ioctl saw of each handle, in call order.
	 * @return the observations
	 */
	public List<Observation> observations() {
		return this.observations;
	}

	@Override
	public String osName() {
		return "Windows (substitute)";
	}

	@Override
	public String osVersion() {
		return "10.0";
	}

	@Override
	public @Nullable Integer windowsBuild() {
		return this.build;
	}

	@Override
	public boolean supportsFastPath() {
		return true;
	}

	@Override
	public String nativeLibrary() {
		return "substitute ws2_32 (libc underneath)";
	}

	@Override
	public FastPathError error(int code) {
		return WsaError.describe(code);
	}

	@Override
	public int enableLoopbackFastPath(long handle) {
		this.observations.add(new Observation(handle, LinuxSockets.isStreamSocket(handle),
				LinuxSockets.localPort(handle), LinuxSockets.acceptConn(handle), LinuxSockets.peerNameErrno(handle),
				this.extraObservation.apply(handle)));
		return this.answer;
	}

	@Override
	public int localPort(long handle) {
		return LinuxSockets.localPort(handle);
	}

	/**
	 * The state of a handle when the ioctl was called.
	 *
	 * @param handle the handle
	 * @param streamSocket whether it was a TCP stream socket
	 * @param localPort its local port (0 if unbound, -1 if not a socket)
	 * @param acceptConn {@code SO_ACCEPTCONN}
	 * @param peerNameErrno errno of {@code getpeername} (0 if connected)
	 * @param extra the test's own observation
	 */
	public record Observation(long handle, boolean streamSocket, int localPort, int acceptConn, int peerNameErrno,
			@Nullable String extra) {

	}

}
