package io.github.loopbackfastpath.platform;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of looking up the OS socket behind a Java socket: the handle, or why it
 * could not be reached.
 *
 * @param value the native socket ({@code SOCKET} on Windows, a file descriptor elsewhere)
 * or {@code null} when it could not be reached
 * @param problem why it could not be reached and how to fix it, or {@code null}
 * @author Loopback Fast Path contributors
 */
public record NativeHandle(@Nullable Long value, @Nullable String problem) {

	/**
	 * A handle that was reached.
	 * @param value the native socket
	 * @return the handle
	 */
	public static NativeHandle of(long value) {
		return new NativeHandle(value, null);
	}

	/**
	 * A handle that could not be reached.
	 * @param problem why, and how to fix it
	 * @return the missing handle
	 */
	public static NativeHandle unavailable(String problem) {
		return new NativeHandle(null, problem);
	}

	/**
	 * Whether the handle was reached.
	 * @return whether {@link #value()} is set
	 */
	public boolean isAvailable() {
		return this.value != null;
	}

}
