package io.github.loopbackfastpath.jdk;

import java.lang.invoke.MethodHandle;
import java.nio.channels.Channel;

import io.github.loopbackfastpath.platform.NativeHandle;
import org.jspecify.annotations.Nullable;

/**
 * Reaches the OS socket of a JDK NIO channel ({@code ServerSocketChannel},
 * {@code SocketChannel}, and a {@code java.net.Socket} adaptor through its channel),
 * which the JDK keeps in the channel's private {@code int fdVal}:
 * {@code SelChImpl#getFDVal()} when {@code sun.nio.ch} is exported to this code, else the
 * field when it is opened. {@code sun.misc.Unsafe} is never used. Libraries that expose
 * their descriptor publicly (Netty's native transports) hand it over themselves.
 *
 * @author Loopback Fast Path contributors
 */
public final class ChannelHandles {

	private final Route route;

	private final @Nullable Class<?> selChImpl;

	private final @Nullable MethodHandle getFdVal;

	private ChannelHandles(Route route, @Nullable Class<?> selChImpl, @Nullable MethodHandle getFdVal) {
		this.route = route;
		this.selChImpl = selChImpl;
		this.getFdVal = getFdVal;
	}

	/**
	 * Find out which route to native handles this JVM allows this code.
	 * @return the handle finder
	 */
	public static ChannelHandles detect() {
		Class<?> selChImpl = SunNioCh.selChImpl();
		if (selChImpl != null) {
			try {
				if (SunNioCh.isExported()) {
					return new ChannelHandles(Route.EXPORTED, selChImpl, SunNioCh.getFdVal(selChImpl));
				}
				if (SunNioCh.isOpened()) {
					return new ChannelHandles(Route.OPENED, selChImpl, null);
				}
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				// A JDK without this internal layout: no route
			}
		}
		return new ChannelHandles(Route.NONE, null, null);
	}

	/**
	 * How native handles are reached, for the record.
	 * @return a description of the route
	 */
	public String access() {
		return switch (this.route) {
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
		return this.route != Route.NONE;
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
				case EXPORTED -> (int) this.getFdVal.invoke(channel);
				default -> SunNioCh.readFdVal(channel);
			};
			return (fd >= 0) ? NativeHandle.of(fd) : NativeHandle.unavailable(type + " has no native socket");
		}
		catch (Throwable ex) {
			if (ex instanceof VirtualMachineError error) {
				throw error;
			}
			return NativeHandle.unavailable("Reading the native socket of " + type + " failed: " + ex);
		}
	}

	/**
	 * The exact JVM option (and manifest attribute) that opens the route.
	 * @return advice naming the option
	 */
	public static String jvmOptionAdvice() {
		Module self = ChannelHandles.class.getModule();
		String target = self.isNamed() ? self.getName() : "ALL-UNNAMED";
		return "add the JVM option --add-exports java.base/" + SunNioCh.PACKAGE + "=" + target
				+ " (for an executable jar, the manifest attribute 'Add-Exports: java.base/" + SunNioCh.PACKAGE + "')";
	}

	private enum Route {

		EXPORTED, OPENED, NONE

	}

}
