package io.github.loopbackfastpath.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.channels.Channel;

import org.jspecify.annotations.Nullable;

/**
 * Reaches the OS socket of a JDK NIO channel ({@code ServerSocketChannel},
 * {@code SocketChannel}, and a {@code java.net.Socket} adaptor through its channel).
 * <p>
 * The JDK keeps it in {@code sun.nio.ch}: {@code SelChImpl#getFDVal()} when that package is
 * exported to this code, else the implementation's private {@code fdVal} field when it is
 * opened. {@code sun.misc.Unsafe} is never used. Libraries that expose their descriptor
 * publicly (Netty's native transports) hand it over themselves.
 *
 * @author Loopback Fast Path contributors
 */
public final class NativeHandles {

	private static final String PACKAGE = "sun.nio.ch";

	private final Access access;

	private final @Nullable Class<?> selChImpl;

	private final @Nullable MethodHandle getFdVal;

	private NativeHandles(Access access, @Nullable Class<?> selChImpl, @Nullable MethodHandle getFdVal) {
		this.access = access;
		this.selChImpl = selChImpl;
		this.getFdVal = getFdVal;
	}

	/**
	 * Find out which route to native handles this JVM allows this code.
	 * @return the handle finder
	 */
	public static NativeHandles detect() {
		Module javaBase = Object.class.getModule();
		Module self = NativeHandles.class.getModule();
		try {
			Class<?> selChImpl = Class.forName(PACKAGE + ".SelChImpl", false, null);
			if (javaBase.isExported(PACKAGE, self)) {
				MethodHandle getFdVal = MethodHandles.lookup()
					.findVirtual(selChImpl, "getFDVal", MethodType.methodType(int.class));
				return new NativeHandles(Access.EXPORTED, selChImpl, getFdVal);
			}
			if (javaBase.isOpen(PACKAGE, self)) {
				return new NativeHandles(Access.OPENED, selChImpl, null);
			}
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// A JDK without this internal layout: no route
		}
		return new NativeHandles(Access.NONE, null, null);
	}

	/**
	 * How native handles are reached, for the record.
	 * @return a description of the route
	 */
	public String access() {
		return switch (this.access) {
			case EXPORTED -> "sun.nio.ch exported: SelChImpl.getFDVal()";
			case OPENED -> "sun.nio.ch opened: private field fdVal";
			case NONE -> "unavailable: " + jvmOptionAdvice();
		};
	}

	/**
	 * Whether handles of JDK channels can be reached at all.
	 * @return whether a route exists
	 */
	public boolean isAccessible() {
		return this.access != Access.NONE;
	}

	/**
	 * Look up the OS socket of a JDK channel.
	 * @param channel a channel
	 * @return the handle, or why it is unavailable
	 */
	public NativeHandle lookup(Channel channel) {
		String type = channel.getClass().getName();
		if (this.selChImpl == null || !this.selChImpl.isInstance(channel)) {
			return (this.access == Access.NONE) ? NativeHandle.unavailable(unreachable(type))
					: NativeHandle.unavailable(type + " is not a JDK socket channel implementation");
		}
		if (!channel.isOpen()) {
			return NativeHandle.unavailable(type + " is closed");
		}
		try {
			int fd = (this.getFdVal != null) ? (int) this.getFdVal.invoke(channel) : readField(channel);
			return (fd >= 0) ? NativeHandle.of(fd) : NativeHandle.unavailable(type + " has no native socket");
		}
		catch (Throwable ex) {
			if (ex instanceof Error error && !(ex instanceof LinkageError)) {
				throw error;
			}
			return NativeHandle.unavailable("Reading the native socket of " + type + " failed: " + ex);
		}
	}

	private static int readField(Object channel) throws ReflectiveOperationException {
		for (Class<?> type = channel.getClass(); type != null; type = type.getSuperclass()) {
			try {
				Field field = type.getDeclaredField("fdVal");
				field.setAccessible(true);
				return field.getInt(channel);
			}
			catch (NoSuchFieldException ex) {
				// look in the superclass
			}
		}
		throw new NoSuchFieldException("fdVal");
	}

	private static String unreachable(String type) {
		return "The native socket of " + type + " cannot be reached: " + jvmOptionAdvice();
	}

	/**
	 * The exact JVM option (and manifest attribute) that opens the route.
	 * @return advice naming the option
	 */
	public static String jvmOptionAdvice() {
		Module self = NativeHandles.class.getModule();
		String target = self.isNamed() ? self.getName() : "ALL-UNNAMED";
		return "add the JVM option --add-exports java.base/" + PACKAGE + "=" + target
				+ " (for an executable jar, the manifest attribute 'Add-Exports: java.base/" + PACKAGE + "')";
	}

	private enum Access {

		EXPORTED, OPENED, NONE

	}

}
