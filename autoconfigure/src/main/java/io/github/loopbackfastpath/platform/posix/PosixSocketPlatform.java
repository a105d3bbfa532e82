package io.github.loopbackfastpath.platform.posix;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.ptr.IntByReference;
import io.github.loopbackfastpath.platform.SocketAddresses;
import io.github.loopbackfastpath.platform.SocketPlatform;
import org.jspecify.annotations.Nullable;

/**
 * Linux, macOS and other Unix systems: no such ioctl, so nothing is ever requested.
 * {@code getsockname} through libc only proves which socket a handle is.
 *
 * @author Loopback Fast Path contributors
 */
public final class PosixSocketPlatform implements SocketPlatform {

	/**
	 * libc is bound on first use (see {@link Libc#INSTANCE}), so that an application that
	 * leaves the fast path disabled loads neither a native library nor a JNA class.
	 */
	public PosixSocketPlatform() {
	}

	@Override
	public String osName() {
		return System.getProperty("os.name", "unknown");
	}

	@Override
	public String osVersion() {
		return System.getProperty("os.version", "");
	}

	@Override
	public @Nullable Integer windowsBuild() {
		return null;
	}

	@Override
	public boolean supportsFastPath() {
		return false;
	}

	@Override
	public String nativeLibrary() {
		return "libc";
	}

	@Override
	public int enableLoopbackFastPath(long handle) {
		throw new UnsupportedOperationException("SIO_LOOPBACK_FAST_PATH does not exist on " + osName());
	}

	@Override
	public int localPort(long handle) {
		byte[] address = new byte[SocketAddresses.BUFFER_SIZE];
		IntByReference length = new IntByReference(address.length);
		if (Libc.INSTANCE.getsockname((int) handle, address, length) != 0) {
			return -1;
		}
		return SocketAddresses.port(address);
	}

	/**
	 * The libc binding; JNA loads it when this interface is first used.
	 */
	interface Libc extends Library {

		/**
		 * The binding.
		 */
		Libc INSTANCE = Native.load(Platform.C_LIBRARY_NAME, Libc.class);

		int getsockname(int socket, byte[] address, IntByReference addressLength);

	}

}
