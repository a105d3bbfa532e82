package io.github.loopbackfastpath.platform;

/**
 * An error the OS answered a fast path request with, by code and meaning, in words the
 * engine and the reports use whatever the platform's own names for it.
 *
 * @param code the OS's numeric error code
 * @param name the OS's symbolic name for it, such as {@code WSAEOPNOTSUPP}
 * @param message what it means for this request
 * @param meaning the kind of error, for decisions and remedies
 * @author Loopback Fast Path contributors
 */
public record FastPathError(int code, String name, String message, Meaning meaning) {

	/**
	 * An error the platform has no description for.
	 * @param code the OS's numeric error code
	 * @return the error
	 */
	public static FastPathError unknown(int code) {
		return new FastPathError(code, "ERROR_" + code, "Error " + code + ", not documented for this request.",
				Meaning.OTHER);
	}

	/**
	 * What kind of error it is.
	 */
	public enum Meaning {

		/**
		 * The transport does not offer the fast path: the normal "not available" answer.
		 */
		NOT_SUPPORTED,

		/**
		 * A security product or policy forbade the request.
		 */
		ACCESS_DENIED,

		/**
		 * The handle was not a socket.
		 */
		NOT_A_SOCKET,

		/**
		 * Any other error.
		 */
		OTHER

	}

}
