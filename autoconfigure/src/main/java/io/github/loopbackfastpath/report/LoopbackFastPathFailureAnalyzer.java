package io.github.loopbackfastpath.report;

import io.github.loopbackfastpath.engine.LoopbackFastPathException;
import io.github.loopbackfastpath.registry.SocketOutcome;
import io.github.loopbackfastpath.registry.SocketRecord;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link LoopbackFastPathException}: which listener, which error, and what to
 * do.
 *
 * @author Loopback Fast Path contributors
 */
public class LoopbackFastPathFailureAnalyzer extends AbstractFailureAnalyzer<LoopbackFastPathException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LoopbackFastPathException cause) {
		StringBuilder description = new StringBuilder("The loopback fast path could not be applied to a listening "
				+ "socket, and loopback.fast-path.fail-on-error is true:\n");
		StringBuilder action = new StringBuilder();
		for (SocketRecord record : cause.getRecords()) {
			SocketOutcome outcome = record.outcome();
			description.append("\n    Socket #")
				.append(record.id())
				.append(": ")
				.append(outcome.component())
				.append(" listener ")
				.append(Addresses.format(record.localAddress()))
				.append("\n    Status: ")
				.append(outcome.status());
			if (outcome.errorCode() != null) {
				description.append(" (")
					.append(outcome.errorName())
					.append(", ")
					.append(outcome.errorCode())
					.append(')');
			}
			description.append("\n    Reason: ").append(outcome.message()).append('\n');
			String fix = Remedies.of(outcome);
			if (action.indexOf(fix) < 0) {
				action.append(fix).append("\n");
			}
		}
		action
			.append("Or set loopback.fast-path.fail-on-error to false to start without the fast path on this socket.");
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

}
