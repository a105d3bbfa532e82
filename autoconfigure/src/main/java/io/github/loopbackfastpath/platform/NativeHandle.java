package io.github.loopbackfastpath.platform;

import java.lang.ref.WeakReference;
import java.util.function.Function;
import java.util.function.Supplier;

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
	 * Read a socket's handle when asked for, without keeping the socket reachable: where
	 * the OS has no ioctl, handles are read when the endpoint is read, and a socket the
	 * application dropped must not be kept alive by its record.
	 * @param <S> the kind of socket
	 * @param socket the socket
	 * @param reader reads its handle
	 * @return reads the handle, or says the socket is gone
	 */
	public static <S> Supplier<NativeHandle> readLater(S socket, Function<S, NativeHandle> reader) {
		WeakReference<S> weak = new WeakReference<>(socket);
		return () -> {
			S live = weak.get();
			return (live != null) ? reader.apply(live) : unavailable("The socket is gone");
		};
	}

	/**
	 * Whether the handle was reached.
	 * @return whether {@link #value()} is set
	 */
	public boolean isAvailable() {
		return this.value != null;
	}

}
