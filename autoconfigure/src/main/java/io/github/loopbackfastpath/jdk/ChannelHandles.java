package io.github.loopbackfastpath.jdk;

import java.lang.invoke.MethodHandle;
import java.nio.channels.Channel;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.loopbackfastpath.platform.NativeHandle;
import org.jspecify.annotations.Nullable;

/**
 * Reaches the OS socket of a JDK NIO channel ({@code ServerSocketChannel},
 * {@code SocketChannel}, and a {@code java.net.Socket} adaptor through its channel),
 * which the JDK keeps in the channel's private {@code int fdVal}. The routes, in order:
 * <ol>
 * <li>{@code sun.nio.ch} exported to this code: {@code SelChImpl#getFDVal()};</li>
 * <li>{@code sun.nio.ch} opened to this code: the field, by reflection;</li>
 * <li>neither (no JVM option at all): the field, through JNI ({@code JNU_GetFieldByName}
 * of the JDK's own native library), which module encapsulation does not apply to;</li>
 * <li>none of these: unavailable, with the JVM option that opens the first route.</li>
 * </ol>
 * {@code sun.misc.Unsafe} is never used. Libraries that expose their descriptor publicly
 * (Netty's native transports) hand it over themselves.
 *
 * @author Loopback Fast Path contributors
 */
public final class ChannelHandles {

	private final Route route;

	private final @Nullable Class<?> selChImpl;

	private final @Nullable MethodHandle getFdVal;

	private final Supplier<JniFieldReader> jniBinder;

	private volatile @Nullable JniFieldReader jni;

	private volatile @Nullable String jniProblem;

	private ChannelHandles(Route route, @Nullable Class<?> selChImpl, @Nullable MethodHandle getFdVal,
			Supplier<JniFieldReader> jniBinder) {
		this.route = route;
		this.selChImpl = selChImpl;
		this.getFdVal = getFdVal;
		this.jniBinder = jniBinder;
	}

	/**
	 * Find out which route to native handles this JVM allows this code. Loads no native
	 * library: the JNI route binds on first use.
	 * @return the handle finder
	 */
	public static ChannelHandles detect() {
		return detect(() -> JniFieldReader.bind(SunNioCh.FD_VAL));
	}

	/**
	 * The JNI route, whatever the JVM options: to measure or test it in a JVM that has
	 * the sanctioned route too.
	 * @return the handle finder
	 */
	public static ChannelHandles viaJni() {
		return jni(() -> JniFieldReader.bind(SunNioCh.FD_VAL));
	}

	/**
	 * The JNI route, whatever the JVM options, bound by the given binder: the seam
	 * through which tests force its failures (missing symbol, renamed field, a call that
	 * throws).
	 * @param jniBinder binds the JNI route
	 * @return the handle finder
	 */
	static ChannelHandles jni(Supplier<JniFieldReader> jniBinder) {
		return new ChannelHandles(Route.JNI, SunNioCh.selChImpl(), null, jniBinder);
	}

	private static ChannelHandles detect(Supplier<JniFieldReader> jniBinder) {
		Class<?> selChImpl = SunNioCh.selChImpl();
		if (selChImpl != null) {
			try {
				if (SunNioCh.isExported()) {
					return new ChannelHandles(Route.EXPORTED, selChImpl, SunNioCh.getFdVal(selChImpl), jniBinder);
				}
				if (SunNioCh.isOpened()) {
					return new ChannelHandles(Route.OPENED, selChImpl, null, jniBinder);
				}
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				// A JDK without this internal layout: try JNI
			}
			return new ChannelHandles(Route.JNI, selChImpl, null, jniBinder);
		}
		return new ChannelHandles(Route.NONE, null, null, jniBinder);
	}

	/**
	 * How native handles are reached, for the record.
	 * @return a description of the route
	 */
	public String access() {
		return switch (this.route) {
			case EXPORTED -> "sun.nio.ch exported: SelChImpl.getFDVal()";
			case OPENED -> "sun.nio.ch opened: private field fdVal";
			case JNI -> jniAccess();
			case NONE -> "unavailable: " + jvmOptionAdvice();
		};
	}

	private String jniAccess() {
		String problem = this.jniProblem;
		if (problem != null) {
			return "unavailable: the JNI route failed (" + problem + "); " + jvmOptionAdvice();
		}
		return "JNI: field fdVal through " + JniFieldReader.SYMBOL + " of the JDK's native library, no JVM option"
				+ ((this.jni != null) ? "" : " (bound on first use)");
	}

	/**
	 * Whether handles of JDK channels can be reached: a route exists and has not failed.
	 * @return whether a route exists
	 */
	public boolean isAccessible() {
		return this.route != Route.NONE && this.jniProblem == null;
	}

	/**
	 * Look up the OS socket of a JDK channel. Never throws: a failure of the route is the
	 * reason of an unavailable handle.
	 * @param channel a channel
	 * @return the handle, or why it is unavailable
	 */
	public NativeHandle lookup(Channel channel) {
		String type = channel.getClass().getName();
		if (this.selChImpl == null || !this.selChImpl.isInstance(channel)) {
			return (this.route == Route.NONE)
					? NativeHandle
						.unavailable("The native socket of " + type + " cannot be reached: " + jvmOptionAdvice())
					: NativeHandle.unavailable(type + " is not a JDK socket channel implementation");
		}
		if (!channel.isOpen()) {
			return NativeHandle.unavailable(type + " is closed");
		}
		try {
			int fd = switch (this.route) {
				case EXPORTED ->
					(int) Objects.requireNonNull(this.getFdVal, "getFDVal of the exported route").invoke(channel);
				case OPENED -> SunNioCh.readFdVal(channel);
				default -> jni().read(channel);
			};
			return (fd >= 0) ? NativeHandle.of(fd) : NativeHandle.unavailable(type + " has no native socket");
		}
		catch (Throwable ex) {
			if (ex instanceof VirtualMachineError error) {
				throw error;
			}
			return NativeHandle.unavailable("Reading the native socket of " + type + " failed: " + ex + ". To use "
					+ "the JDK's sanctioned route instead, " + jvmOptionAdvice());
		}
	}

	private JniFieldReader jni() {
		JniFieldReader jni = this.jni;
		if (jni != null) {
			return jni;
		}
		String problem = this.jniProblem;
		if (problem != null) {
			throw new IllegalStateException(problem);
		}
		synchronized (this) {
			if (this.jni == null && this.jniProblem == null) {
				try {
					this.jni = this.jniBinder.get();
				}
				catch (RuntimeException | LinkageError ex) {
					this.jniProblem = JniFieldReader.SYMBOL + " could not be bound: " + ex;
				}
			}
			if (this.jni == null) {
				throw new IllegalStateException(this.jniProblem);
			}
			return this.jni;
		}
	}

	/**
	 * The exact JVM option (and manifest attribute) that opens the sanctioned route.
	 * @return advice naming the option
	 */
	public static String jvmOptionAdvice() {
		Module self = ChannelHandles.class.getModule();
		String target = self.isNamed() ? self.getName() : "ALL-UNNAMED";
		return "add the JVM option --add-exports java.base/" + SunNioCh.PACKAGE + "=" + target
				+ " (for an executable jar, the manifest attribute 'Add-Exports: java.base/" + SunNioCh.PACKAGE + "')";
	}

	private enum Route {

		EXPORTED, OPENED, JNI, NONE

	}

}
