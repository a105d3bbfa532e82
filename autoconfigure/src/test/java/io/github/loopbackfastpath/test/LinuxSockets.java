package io.github.loopbackfastpath.test;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;

/**
 * Real libc calls through JNA, for tests that prove what a handle is at the moment a hook
 * runs. Linux only.
 */
public final class LinuxSockets {

	private static final int SOL_SOCKET = 1;

	private static final int SO_ACCEPTCONN = 30;

	private static final int SO_TYPE = 3;

	private static final int SOCK_STREAM = 1;

	/**
	 * errno for "socket is not connected".
	 */
	public static final int ENOTCONN = 107;

	private static final Libc libc = Native.load("c", Libc.class);

	private LinuxSockets() {
	}

	/**
	 * The local port of a socket, or -1 if the handle is not a socket.
	 * @param fd the handle
	 * @return the port
	 */
	public static int localPort(long fd) {
		byte[] address = new byte[128];
		IntByReference length = new IntByReference(address.length);
		if (libc.getsockname((int) fd, address, length) != 0) {
			return -1;
		}
		return ((address[2] & 0xff) << 8) | (address[3] & 0xff);
	}

	/**
	 * Whether a socket is listening ({@code SO_ACCEPTCONN}).
	 * @param fd the handle
	 * @return 1 if listening, 0 if not, -1 if not a socket
	 */
	public static int acceptConn(long fd) {
		return intOption(fd, SO_ACCEPTCONN);
	}

	/**
	 * Whether a handle is a TCP stream socket.
	 * @param fd the handle
	 * @return whether it is a stream socket
	 */
	public static boolean isStreamSocket(long fd) {
		return intOption(fd, SO_TYPE) == SOCK_STREAM;
	}

	/**
	 * The errno of {@code getpeername}, 0 if the socket is connected.
	 * @param fd the handle
	 * @return the errno
	 */
	public static int peerNameErrno(long fd) {
		byte[] address = new byte[128];
		IntByReference length = new IntByReference(address.length);
		return (libc.getpeername((int) fd, address, length) != 0) ? Native.getLastError() : 0;
	}

	private static int intOption(long fd, int option) {
		IntByReference value = new IntByReference();
		IntByReference length = new IntByReference(4);
		if (libc.getsockopt((int) fd, SOL_SOCKET, option, value, length) != 0) {
			return -1;
		}
		return value.getValue();
	}

	interface Libc extends Library {

		int getsockname(int socket, byte[] address, IntByReference length);

		int getpeername(int socket, byte[] address, IntByReference length);

		int getsockopt(int socket, int level, int option, IntByReference value, IntByReference length);

	}

}
