package io.github.loopbackfastpath.report;

import org.jspecify.annotations.Nullable;

/**
 * What the start-up summary asks the same-host mode, when it is on: whether this JVM can
 * use AF_UNIX sockets at all. Everything else the summary reads from the registry.
 *
 * @author Loopback Fast Path contributors
 */
@FunctionalInterface
public interface SameHostStatus {

	/**
	 * Why the same-host mode is off although it was asked for.
	 * @return the reason, such as a JVM without AF_UNIX, or {@code null} when it is on
	 */
	@Nullable String unavailable();

}
