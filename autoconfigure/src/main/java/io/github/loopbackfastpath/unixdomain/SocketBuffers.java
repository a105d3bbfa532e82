package io.github.loopbackfastpath.unixdomain;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;

/**
 * The send and receive buffer size the same-host mode asks for on every AF_UNIX
 * connection it opens or accepts, clients and servers alike. Linux gives an AF_UNIX
 * socket {@code net.core.wmem_default} (208 KiB) where TCP loopback grows its buffers to
 * megabytes, so without it a 1 MiB body crosses in several wake-ups and bulk transfers
 * through the HTTP stacks were slower than over TCP. The OS caps the request (Linux at
 * {@code net.core.wmem_max}, doubled as for every socket); a size of 0 leaves the OS
 * default. Best effort: a socket that refuses the size keeps its default.
 *
 * @param size the buffer size in bytes, 0 for the OS default
 * @author Loopback Fast Path contributors
 */
public record SocketBuffers(int size) {

	/**
	 * Validate the size.
	 * @param size the buffer size in bytes, 0 for the OS default
	 */
	public SocketBuffers {
		if (size < 0) {
			throw new IllegalArgumentException("A buffer size of " + size + " bytes: give 0 or more");
		}
	}

	/**
	 * Whether a size is asked for, rather than the OS default.
	 * @return whether the size is above 0
	 */
	public boolean isSet() {
		return this.size > 0;
	}

	/**
	 * Ask for the size on a JDK channel.
	 * @param channel an AF_UNIX channel
	 */
	public void applyTo(NetworkChannel channel) {
		if (!isSet()) {
			return;
		}
		try {
			channel.setOption(StandardSocketOptions.SO_SNDBUF, this.size);
			channel.setOption(StandardSocketOptions.SO_RCVBUF, this.size);
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			// The OS default stays
		}
	}

}
