package io.github.loopbackfastpath.platform.winsock;

import java.util.Map;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.win32.StdCallLibrary;
import io.github.loopbackfastpath.platform.FastPathError;
import io.github.loopbackfastpath.platform.SocketAddresses;
import io.github.loopbackfastpath.platform.SocketPlatform;
import org.jspecify.annotations.Nullable;

/**
 * Winsock through JNA: the one place where {@code WSAIoctl(SIO_LOOPBACK_FAST_PATH)} is
 * called. Only ever loaded on Windows, and only when the fast path is used.
 * <p>
 * {@code WSAIoctl} is on the connection path, so it is bound with JNA's direct mapping
 * and reuses its buffers per thread: no proxy, no reflection and no allocation per
 * socket.
 *
 * @author Loopback Fast Path contributors
 */
public final class WinsockPlatform implements SocketPlatform {

	/**
	 * {@code _WSAIOW(IOC_VENDOR, 16)}.
	 */
	static final int SIO_LOOPBACK_FAST_PATH = 0x98000010;

	private static final int SOCKET_ERROR = -1;

	private volatile @Nullable Integer build;

	private volatile boolean buildRead;

	/**
	 * Native libraries are loaded on first use, so that an application that leaves the
	 * fast path disabled loads none.
	 */
	public WinsockPlatform() {
	}

	@Override
	public String osName() {
		return System.getProperty("os.name", "Windows");
	}

	@Override
	public String osVersion() {
		return System.getProperty("os.version", "");
	}

	@Override
	public @Nullable Integer windowsBuild() {
		if (!this.buildRead) {
			this.build = readBuildNumber();
			this.buildRead = true;
		}
		return this.build;
	}

	@Override
	public boolean supportsFastPath() {
		return true;
	}

	@Override
	public String nativeLibrary() {
		return "ws2_32";
	}

	@Override
	public FastPathError error(int code) {
		return WsaError.describe(code);
	}

	@Override
	public int enableLoopbackFastPath(long handle) {
		Buffers buffers = Buffers.get();
		int result = Ws2_32.WSAIoctl(new Pointer(handle), SIO_LOOPBACK_FAST_PATH, Buffers.ENABLE, 4, null, 0,
				buffers.bytesReturned, null, null);
		// JNA keeps the thread's last error from this very call; a later
		// WSAGetLastError() through JNA would be a call of its own and
		// answer 0.
		return (result != SOCKET_ERROR) ? 0 : Native.getLastError();
	}

	@Override
	public int localPort(long handle) {
		Buffers buffers = Buffers.get();
		buffers.addressLength.setInt(0, SocketAddresses.BUFFER_SIZE);
		if (Ws2_32.getsockname(new Pointer(handle), buffers.address, buffers.addressLength) != 0) {
			return -1;
		}
		return SocketAddresses.port(buffers.address.getByteArray(0, 4));
	}

	// The real build number: RtlGetVersion is not subject to the
	// manifest-based version lie of GetVersionEx, and os.version has no build
	// at all
	private static @Nullable Integer readBuildNumber() {
		try {
			Ntdll ntdll = Native.load("ntdll", Ntdll.class);
			int size = 276; // sizeof(OSVERSIONINFOW)
			Memory info = new Memory(size);
			info.clear();
			info.setInt(0, size);
			if (ntdll.RtlGetVersion(info) != 0) {
				return null;
			}
			return info.getInt(12); // dwBuildNumber
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * {@code ws2_32}, directly mapped. A {@code SOCKET} is pointer-sized, so it is passed
	 * as a {@link Pointer}.
	 */
	static final class Ws2_32 {

		static {
			Map<String, Object> options = Map.of(Library.OPTION_CALLING_CONVENTION,
					Platform.is64Bit() ? com.sun.jna.Function.C_CONVENTION : StdCallLibrary.STDCALL_CONVENTION);
			Native.register(Ws2_32.class, NativeLibrary.getInstance("ws2_32", options));
		}

		private Ws2_32() {
		}

		static native int WSAIoctl(Pointer socket, int ioControlCode, Pointer inBuffer, int inBufferSize,
				@Nullable Pointer outBuffer, int outBufferSize, Pointer bytesReturned, @Nullable Pointer overlapped,
				@Nullable Pointer completionRoutine);

		static native int getsockname(Pointer socket, Pointer name, Pointer nameLength);

	}

	/**
	 * Native buffers, one set per thread, allocated once.
	 */
	private static final class Buffers {

		/**
		 * The ioctl's input, a 4-byte boolean 1, only ever read.
		 */
		static final Memory ENABLE = enable();

		private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

		final Memory bytesReturned = new Memory(4);

		final Memory address = new Memory(SocketAddresses.BUFFER_SIZE);

		final Memory addressLength = new Memory(4);

		static Buffers get() {
			return BUFFERS.get();
		}

		private static Memory enable() {
			Memory enable = new Memory(4);
			enable.setInt(0, 1);
			return enable;
		}

	}

	interface Ntdll extends StdCallLibrary {

		int RtlGetVersion(Pointer versionInformation);

	}

}
