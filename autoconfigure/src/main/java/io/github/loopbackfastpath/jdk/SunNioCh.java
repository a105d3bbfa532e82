package io.github.loopbackfastpath.jdk;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import io.github.loopbackfastpath.reflect.InternalFields;
import org.jspecify.annotations.Nullable;

/**
 * Every use of the JDK's internal package {@code sun.nio.ch}: the native socket of a
 * channel ({@code SelChImpl#getFDVal()}, the private {@code fdVal} field) and the value
 * of the JDK's own fast loopback switch ({@code Net.FAST_LOOPBACK}). Each is used only
 * when the package is exported or opened to this code; {@code sun.misc.Unsafe} is never
 * used. {@link JdkRuntimeHints} registers them for a native image.
 *
 * @author Loopback Fast Path contributors
 */
final class SunNioCh {

	static final String PACKAGE = "sun.nio.ch";

	static final String SEL_CH_IMPL = PACKAGE + ".SelChImpl";

	static final String NET = PACKAGE + ".Net";

	/**
	 * The channel implementations that keep their socket in {@code fdVal}.
	 */
	static final String[] CHANNEL_IMPLEMENTATIONS = { PACKAGE + ".SocketChannelImpl",
			PACKAGE + ".ServerSocketChannelImpl" };

	static final String FD_VAL = "fdVal";

	/**
	 * The names {@code Net}'s field has had in the JDKs this runs on.
	 */
	static final String[] FAST_LOOPBACK_FIELDS = { "FAST_LOOPBACK", "fastLoopback" };

	private SunNioCh() {
	}

	static boolean isExported() {
		return Object.class.getModule().isExported(PACKAGE, SunNioCh.class.getModule());
	}

	static boolean isOpened() {
		return Object.class.getModule().isOpen(PACKAGE, SunNioCh.class.getModule());
	}

	/**
	 * The JDK's socket channel interface.
	 * @return {@code SelChImpl}, or {@code null} in a JDK without it
	 */
	static @Nullable Class<?> selChImpl() {
		try {
			return Class.forName(SEL_CH_IMPL, false, null);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * {@code SelChImpl#getFDVal()}, callable when the package is exported.
	 * @param selChImpl the interface
	 * @return the method
	 * @throws ReflectiveOperationException if it cannot be found
	 */
	static MethodHandle getFdVal(Class<?> selChImpl) throws ReflectiveOperationException {
		return MethodHandles.lookup().findVirtual(selChImpl, "getFDVal", MethodType.methodType(int.class));
	}

	/**
	 * Read a channel's private {@code fdVal} field, when the package is opened.
	 * @param channel the channel
	 * @return the native socket
	 * @throws ReflectiveOperationException if there is no such field
	 */
	static int readFdVal(Object channel) throws ReflectiveOperationException {
		return InternalFields.readInt(channel.getClass(), FD_VAL, channel);
	}

	/**
	 * The value the JDK actually uses for {@code jdk.net.useFastTcpLoopback}, when the
	 * package is opened. Reading it initialises {@code Net} if nothing did before.
	 * @return the value, or {@code null} when it cannot be read
	 */
	static @Nullable Boolean fastLoopback() {
		if (!isOpened()) {
			return null;
		}
		try {
			Class<?> net = Class.forName(NET, true, null);
			for (String name : FAST_LOOPBACK_FIELDS) {
				try {
					return InternalFields.readStaticBoolean(net, name);
				}
				catch (NoSuchFieldException ex) {
					// another JDK's name
				}
			}
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// cannot tell
		}
		return null;
	}

}
