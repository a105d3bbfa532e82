package io.github.loopbackfastpath.report;

import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.platform.winsock.WsaError;
import io.github.loopbackfastpath.record.FastPathStatus;
import io.github.loopbackfastpath.record.SocketOutcome;

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
		Integer code = outcome.errorCode();
		if (code != null && code == WsaError.WSAEACCES.code()) {
			return "Check that no security product or policy forbids socket ioctls for this process.";
		}
		if (code != null && code == WsaError.WSAENOTSOCK.code()) {
			return "The handle was not a socket: please report this with the endpoint's output.";
		}
		return "The fast path is deprecated by Microsoft and may not work on this Windows build. Set "
				+ "loopback.fast-path.enabled=false to stop requesting it.";
	}

}
