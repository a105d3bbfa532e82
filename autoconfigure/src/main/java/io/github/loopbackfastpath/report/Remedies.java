package io.github.loopbackfastpath.report;

import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.SocketOutcome;

/**
 * What an operator can do about a failed record.
 *
 * @author Loopback Fast Path contributors
 */
final class Remedies {

	private Remedies() {
	}

	static String of(SocketOutcome outcome) {
		if (outcome.status() == FastPathStatus.HANDLE_UNAVAILABLE) {
			return "Let the starter reach native sockets: " + ChannelHandles.jvmOptionAdvice() + ".";
		}
		// By the name the platform recorded (FastPathError.name())
		String name = outcome.errorName();
		if ("WSAEACCES".equals(name)) {
			return "Check that no security product or policy forbids socket ioctls for this process.";
		}
		if ("WSAENOTSOCK".equals(name)) {
			return "The handle was not a socket: please report this with the endpoint's output.";
		}
		return "The fast path is deprecated by Microsoft and may not work on this Windows build. Set "
				+ "loopback.fast-path.enabled=false to stop requesting it.";
	}

}
