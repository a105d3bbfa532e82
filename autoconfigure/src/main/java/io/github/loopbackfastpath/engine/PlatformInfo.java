package io.github.loopbackfastpath.engine;

import java.util.Set;

import io.github.loopbackfastpath.jdk.JdkFastLoopback;
import org.jspecify.annotations.Nullable;

/**
 * What the starter knows about the machine and JVM it runs on.
 *
 * @param osName the operating system's name
 * @param osVersion the operating system's version
 * @param windowsBuild the Windows build number read from the OS, or {@code null}
 * @param fastPathSupported whether the OS has {@code SIO_LOOPBACK_FAST_PATH}
 * @param nativeLibrary the native library used for socket calls
 * @param jdkVersion the running JDK's version
 * @param jdkFastTcpLoopback the value of the JDK's own process-wide switch
 * {@code jdk.net.useFastTcpLoopback}, or {@code null} if unset
 * @param handleAccess how native handles are reached, or why they cannot be
 * @param jdkWideMode what the starter's JDK-wide mode did, or {@code null} if not
 * requested
 * @param unsafeBuilds the Windows builds on which the fast path is never requested
 * @param unsafeBuild whether this machine runs one of them
 * @author Loopback Fast Path contributors
 */
public record PlatformInfo(String osName, String osVersion, @Nullable Integer windowsBuild, boolean fastPathSupported,
		String nativeLibrary, String jdkVersion, @Nullable String jdkFastTcpLoopback, String handleAccess,
		JdkFastLoopback.@Nullable Outcome jdkWideMode, Set<Integer> unsafeBuilds, boolean unsafeBuild) {

	/**
	 * Whether the JDK's own switch is on: set to {@code true} or to an empty value, the
	 * way the JDK reads it.
	 * @return whether the JDK applies the ioctl to every socket itself
	 */
	public boolean jdkFastTcpLoopbackEnabled() {
		return JdkFastLoopback.isEnabled(this.jdkFastTcpLoopback);
	}

}
