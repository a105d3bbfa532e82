package io.github.loopbackfastpath.jdk;

import org.jspecify.annotations.Nullable;

/**
 * The JDK's own process-wide switch, {@code jdk.net.useFastTcpLoopback}: read once, when
 * {@code sun.nio.ch.Net} initialises, after which the JDK on Windows requests the fast
 * path on every stream socket it creates, including those of clients no hook reaches (the
 * JDK {@code HttpClient}, JDBC drivers to a local database).
 * <p>
 * {@link #enable()} sets it for the starter's opt-in JDK-wide mode and then tells
 * honestly whether it came in time: it reads the value the JDK actually uses when
 * {@code java.base/sun.nio.ch} is opened to this code, and says that it cannot verify
 * otherwise.
 *
 * @author Loopback Fast Path contributors
 */
public final class JdkFastLoopback {

	/**
	 * The JDK's own switch, read once by {@code sun.nio.ch.Net}.
	 */
	public static final String PROPERTY = "jdk.net.useFastTcpLoopback";

	private static volatile @Nullable Outcome outcome;

	private JdkFastLoopback() {
	}

	/**
	 * Turn the JDK's switch on, unless the command line already decided.
	 * @return what happened
	 */
	public static synchronized Outcome enable() {
		String existing = System.getProperty(PROPERTY);
		Outcome result;
		if (existing != null) {
			result = new Outcome(State.ALREADY_SET, "jdk.net.useFastTcpLoopback was already set to '" + existing
					+ "' (on the command line, presumably); the starter left it as it is.");
		}
		else {
			System.setProperty(PROPERTY, "true");
			Boolean effective = SunNioCh.fastLoopback();
			if (effective == null) {
				result = new Outcome(State.SET_UNVERIFIED, "jdk.net.useFastTcpLoopback was set to true before Spring "
						+ "Boot created the application's sockets. The JDK reads it once, at its first socket; whether "
						+ "something created one earlier cannot be verified unless the JVM runs with --add-opens "
						+ "java.base/sun.nio.ch=ALL-UNNAMED. Setting it on the command line is always in time.");
			}
			else if (effective) {
				result = new Outcome(State.ACTIVE,
						"jdk.net.useFastTcpLoopback was set to true in time: the JDK requests the fast path on every "
								+ "stream socket it creates (on Windows; elsewhere it has no effect).");
			}
			else {
				result = new Outcome(State.TOO_LATE, "jdk.net.useFastTcpLoopback was set to true too late: the JDK "
						+ "had already created a socket and read it. Set -Djdk.net.useFastTcpLoopback=true on the "
						+ "command line instead.");
			}
		}
		outcome = result;
		return result;
	}

	/**
	 * What the JDK-wide mode did, if it was asked for.
	 * @return the outcome, or {@code null} if the mode was not requested
	 */
	public static @Nullable Outcome outcome() {
		return outcome;
	}

	/**
	 * Whether the JDK's own switch is on: set to {@code true} or to an empty value, the
	 * way the JDK reads it.
	 * @param value the property's value, or {@code null} if unset
	 * @return whether the JDK applies the ioctl to every socket itself
	 */
	public static boolean isEnabled(@Nullable String value) {
		return value != null && (value.isEmpty() || Boolean.parseBoolean(value));
	}

	/**
	 * How the JDK-wide mode went.
	 */
	public enum State {

		/**
		 * Set in time: the JDK uses it.
		 */
		ACTIVE,

		/**
		 * Set, but the JDK had already read it.
		 */
		TOO_LATE,

		/**
		 * Set; whether in time cannot be verified on this JVM.
		 */
		SET_UNVERIFIED,

		/**
		 * The command line had already set it.
		 */
		ALREADY_SET

	}

	/**
	 * What the JDK-wide mode did.
	 *
	 * @param state the state
	 * @param detail what it means, in words
	 */
	public record Outcome(State state, String detail) {

	}

}
