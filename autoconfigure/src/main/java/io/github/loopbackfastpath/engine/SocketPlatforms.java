package io.github.loopbackfastpath.engine;

import java.util.Locale;

/**
 * Finds the {@link SocketPlatform} of the running JVM. Winsock is loaded only on Windows.
 *
 * @author Loopback Fast Path contributors
 */
public final class SocketPlatforms {

	private SocketPlatforms() {
	}

	/**
	 * Whether JNA, which every native call goes through, is on the classpath.
	 * @param classLoader the class loader to look in
	 * @return whether JNA is present
	 */
	public static boolean isJnaPresent(ClassLoader classLoader) {
		try {
			Class.forName("com.sun.jna.Native", false, classLoader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * The platform of this JVM: Winsock on Windows, libc elsewhere. Requires JNA.
	 * @return the platform
	 */
	public static SocketPlatform detect() {
		return isWindows() ? new WindowsSocketPlatform() : new PosixSocketPlatform();
	}

	static boolean isWindows() {
		return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
	}

}
