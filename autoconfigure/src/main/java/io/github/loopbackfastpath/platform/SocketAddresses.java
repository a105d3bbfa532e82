package io.github.loopbackfastpath.platform;

/**
 * Reads a {@code sockaddr} as {@code getsockname} fills it.
 *
 * @author Loopback Fast Path contributors
 */
public final class SocketAddresses {

	/**
	 * Enough room for a {@code sockaddr_in6} on every platform.
	 */
	public static final int BUFFER_SIZE = 128;

	private SocketAddresses() {
	}

	/**
	 * The port of a {@code sockaddr_in} or {@code sockaddr_in6}: bytes 2 and 3 in network
	 * order on Linux, macOS and Windows alike.
	 * @param sockaddr the buffer
	 * @return the port
	 */
	public static int port(byte[] sockaddr) {
		return ((sockaddr[2] & 0xff) << 8) | (sockaddr[3] & 0xff);
	}

}
