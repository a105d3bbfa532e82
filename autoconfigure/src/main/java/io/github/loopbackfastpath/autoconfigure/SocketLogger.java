package io.github.loopbackfastpath.autoconfigure;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.loopbackfastpath.engine.SocketListener;
import io.github.loopbackfastpath.engine.SocketRecord;
import io.github.loopbackfastpath.engine.SocketRole;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs one line per listener, and one warning per distinct failure rather than one per
 * connection. Client sockets are logged at debug level.
 *
 * @author Loopback Fast Path contributors
 */
final class SocketLogger implements SocketListener {

	private static final Log logger = LogFactory.getLog("io.github.loopbackfastpath");

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	@Override
	public void recorded(SocketRecord record) {
		if (record.status().isFailure()) {
			String key = record.role() + "/" + record.component() + "/" + record.status() + "/" + record.errorCode();
			if (this.warned.add(key)) {
				logger.warn(describe(record) + ". " + record.message() + " " + Remedies.of(record)
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
		StringBuilder line = new StringBuilder("Loopback fast path ").append(record.status())
			.append(" for ")
			.append(record.component())
			.append(' ')
			.append(record.role().name().toLowerCase(java.util.Locale.ROOT));
		if (record.localAddress() != null && record.localAddress().getPort() != 0) {
			line.append(' ').append(Addresses.format(record.localAddress()));
		}
		else if (record.stage() == io.github.loopbackfastpath.engine.Stage.BEFORE_BIND) {
			line.append(" (before bind)");
		}
		if (record.role() == SocketRole.CLIENT && record.remoteAddress() != null) {
			line.append(" to ").append(Addresses.format(record.remoteAddress()));
		}
		line.append(" (socket #").append(record.id());
		if (record.handle() != null) {
			line.append(", handle ").append(record.handle());
		}
		if (record.errorCode() != null) {
			line.append(", ").append(record.errorName()).append(' ').append(record.errorCode());
		}
		return line.append(')').toString();
	}

}
