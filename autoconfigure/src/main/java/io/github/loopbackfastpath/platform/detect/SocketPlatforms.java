package io.github.loopbackfastpath.platform.detect;

import java.util.Locale;

import io.github.loopbackfastpath.platform.SocketPlatform;
import io.github.loopbackfastpath.platform.posix.PosixSocketPlatform;
import io.github.loopbackfastpath.platform.winsock.WinsockPlatform;

/**
 * Finds the {@link SocketPlatform} of this JVM.
 *
 * @author Loopback Fast Path contributors
 */
public final class SocketPlatforms {

	private SocketPlatforms() {
	}

	/**
	 * The platform of this JVM: Winsock on Windows, libc elsewhere. Requires JNA; loads
	 * no native library until a socket is handled.
	 * @return the platform
	 */
	public static SocketPlatform detect() {
		boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
		return windows ? new WinsockPlatform() : new PosixSocketPlatform();
	}

}
