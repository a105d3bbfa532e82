package io.github.loopbackfastpath.report;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.loopbackfastpath.registry.RecordListener;
import io.github.loopbackfastpath.registry.SocketOutcome;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.registry.Stage;
import io.github.loopbackfastpath.registry.Transport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs one line per listener, and one warning per distinct failure rather than one per
 * connection. Client sockets are logged at debug level.
 *
 * @author Loopback Fast Path contributors
 */
public final class SocketLogger implements RecordListener {

	private static final Log logger = LogFactory.getLog("io.github.loopbackfastpath");

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	@Override
	public void recorded(SocketRecord record) {
		SocketOutcome outcome = record.outcome();
		if (outcome.transport() == Transport.UNIX_DOMAIN) {
			// The same-host mode logs what it publishes and what it skips
			return;
		}
		if (outcome.status().isFailure()) {
			String key = outcome.kind() + "/" + outcome.errorCode();
			if (this.warned.add(key)) {
				logger.warn(describe(record) + ". " + outcome.message() + " " + Remedies.of(outcome)
						+ " Further sockets with this outcome are not logged; see /actuator/loopbackfastpath.");
				return;
			}
		}
		if (record.role() == SocketRole.LISTENER) {
			if (logger.isInfoEnabled()) {
				logger.info(describe(record));
			}
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(describe(record));
		}
	}

	private static String describe(SocketRecord record) {
		SocketOutcome outcome = record.outcome();
		StringBuilder line = new StringBuilder("Loopback fast path ").append(outcome.status())
			.append(" for ")
			.append(outcome.component())
			.append(' ')
			.append(record.role().name().toLowerCase(Locale.ROOT));
		if (record.localAddress() != null && record.localAddress().getPort() != 0) {
			line.append(' ').append(Addresses.format(record.localAddress()));
		}
		else if (outcome.stage() == Stage.BEFORE_BIND) {
			line.append(" (before bind)");
		}
		if (record.role() == SocketRole.CLIENT && record.remoteAddress() != null) {
			line.append(" to ").append(Addresses.format(record.remoteAddress()));
		}
		line.append(" (socket #").append(record.id());
		if (outcome.handle() != null) {
			line.append(", handle ").append(outcome.handle());
		}
		if (outcome.errorCode() != null) {
			line.append(", ").append(outcome.errorName()).append(' ').append(outcome.errorCode());
		}
		return line.append(')').toString();
	}

}
