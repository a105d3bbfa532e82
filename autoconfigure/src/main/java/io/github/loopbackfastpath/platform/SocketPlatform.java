package io.github.loopbackfastpath.platform;

import org.jspecify.annotations.Nullable;

/**
 * The operating system's side of the fast path: what the OS is, the ioctl itself and a
 * way to check that a handle is the socket it is thought to be.
 * <p>
 * This is the seam at the Winsock boundary: {@code SocketPlatforms.detect()} returns the
 * real one, and a test may supply a substitute to reach outcomes that no machine at hand
 * produces (success, rare Winsock errors).
 *
 * @author Loopback Fast Path contributors
 */
public interface SocketPlatform {

	/**
	 * The operating system's name, as the JVM reports it.
	 * @return the OS name
	 */
	String osName();

	/**
	 * The operating system's version, as the JVM reports it.
	 * @return the OS version
	 */
	String osVersion();

	/**
	 * The Windows build number, read from the OS itself.
	 * @return the build number, or {@code null} when not on Windows or unknown
	 */
	@Nullable Integer windowsBuild();

	/**
	 * Whether the OS has {@code SIO_LOOPBACK_FAST_PATH} at all.
	 * @return whether the ioctl exists on this OS
	 */
	boolean supportsFastPath();

	/**
	 * The native library behind this platform, for the record.
	 * @return a library name such as {@code ws2_32} or {@code libc}
	 */
	String nativeLibrary();

	/**
	 * Request the loopback fast path on a socket. Called only when
	 * {@link #supportsFastPath()} is {@code true}.
	 * @param handle the native socket
	 * @return 0 on success, otherwise the Winsock error code
	 */
	int enableLoopbackFastPath(long handle);

	/**
	 * The local port the OS reports for a socket ({@code getsockname}).
	 * @param handle the native socket
	 * @return the port, or -1 when the handle is not a bound socket
	 */
	int localPort(long handle);

	/**
	 * What an error code {@link #enableLoopbackFastPath(long)} returned means.
	 * @param code the error code
	 * @return the error, by code and meaning
	 */
	default FastPathError error(int code) {
		return FastPathError.unknown(code);
	}

}
