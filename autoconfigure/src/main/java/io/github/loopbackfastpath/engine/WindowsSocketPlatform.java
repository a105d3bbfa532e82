package io.github.loopbackfastpath.engine;

import com.sun.jna.IntegerType;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import org.jspecify.annotations.Nullable;

/**
 * Winsock through JNA. Only ever loaded on Windows.
 *
 * @author Loopback Fast Path contributors
 */
final class WindowsSocketPlatform implements SocketPlatform {

	/**
	 * {@code _WSAIOW(IOC_VENDOR, 16)}.
	 */
	static final int SIO_LOOPBACK_FAST_PATH = 0x98000010;

	private static final int SOCKET_ERROR = -1;

	private volatile @Nullable Ws2_32 ws2;

	private volatile @Nullable Integer build;

	private volatile boolean buildRead;

	/**
	 * Native libraries are loaded on first use, so that an application that leaves the fast
	 * path disabled loads none.
	 */
	WindowsSocketPlatform() {
	}

	private Ws2_32 ws2() {
		Ws2_32 ws2 = this.ws2;
		if (ws2 == null) {
			ws2 = Native.load("ws2_32", Ws2_32.class);
			this.ws2 = ws2;
		}
		return ws2;
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
	public int enableLoopbackFastPath(long handle) {
		Memory enable = new Memory(4);
		enable.setInt(0, 1);
		IntByReference bytesReturned = new IntByReference();
		int result = ws2().WSAIoctl(new Socket(handle), SIO_LOOPBACK_FAST_PATH, enable, 4, null, 0, bytesReturned,
				null, null);
		// JNA keeps the thread's last error from this very call; a later WSAGetLastError()
		// through JNA would be a call of its own and answer 0.
		return (result != SOCKET_ERROR) ? 0 : Native.getLastError();
	}

	@Override
	public int localPort(long handle) {
		byte[] address = new byte[SocketAddresses.BUFFER_SIZE];
		IntByReference length = new IntByReference(address.length);
		if (ws2().getsockname(new Socket(handle), address, length) != 0) {
			return -1;
		}
		return SocketAddresses.port(address);
	}

	/**
	 * The real build number: {@code RtlGetVersion} is not subject to the manifest-based
	 * version lie of {@code GetVersionEx}, and {@code os.version} has no build at all.
	 */
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
	 * A Winsock {@code SOCKET}: an unsigned integer the size of a pointer.
	 */
	public static final class Socket extends IntegerType {

		private static final long serialVersionUID = 1L;

		/**
		 * For JNA.
		 */
		public Socket() {
			this(0);
		}

		Socket(long value) {
			super(Native.POINTER_SIZE, value, true);
		}

	}

	interface Ws2_32 extends StdCallLibrary {

		int WSAIoctl(Socket socket, int ioControlCode, Pointer inBuffer, int inBufferSize, @Nullable Pointer outBuffer,
				int outBufferSize, IntByReference bytesReturned, @Nullable Pointer overlapped,
				@Nullable Pointer completionRoutine);

		int getsockname(Socket socket, byte[] name, IntByReference nameLength);

	}

	interface Ntdll extends StdCallLibrary {

		int RtlGetVersion(Pointer versionInformation);

	}

}
