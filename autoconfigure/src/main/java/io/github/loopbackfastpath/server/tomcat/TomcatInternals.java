package io.github.loopbackfastpath.server.tomcat;

import io.github.loopbackfastpath.reflect.InternalFields;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * What the starter reads of Tomcat that Tomcat does not publish, in one place, with its
 * hints in {@link TomcatRuntimeHints}.
 *
 * @author Loopback Fast Path contributors
 */
public final class TomcatInternals {

	static final String CONNECTION_ID = "connectionId";

	private TomcatInternals() {
	}

	/**
	 * Tomcat's id of a connection, the one {@code ServletConnection.getConnectionId()}
	 * gives its requests, from the moment the connection is accepted: Tomcat has no
	 * public getter for it before the first request.
	 * @param wrapper the connection's socket wrapper
	 * @return the id
	 * @throws ReflectiveOperationException if this Tomcat has no such field
	 */
	public static String connectionId(SocketWrapperBase<?> wrapper) throws ReflectiveOperationException {
		Object id = InternalFields.read(SocketWrapperBase.class, CONNECTION_ID, wrapper);
		if (!(id instanceof String string)) {
			throw new NoSuchFieldException("SocketWrapperBase." + CONNECTION_ID + " is " + id);
		}
		return string;
	}

}
