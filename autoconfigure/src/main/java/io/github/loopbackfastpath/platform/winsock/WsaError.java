package io.github.loopbackfastpath.platform.winsock;

import io.github.loopbackfastpath.platform.FastPathError;
import org.jspecify.annotations.Nullable;

/**
 * The Winsock errors that {@code WSAIoctl(SIO_LOOPBACK_FAST_PATH)} is documented to
 * return, with their meaning for this ioctl.
 *
 * @author Loopback Fast Path contributors
 */
public enum WsaError {

	/**
	 * An overlapped operation was started and will complete later.
	 */
	WSA_IO_PENDING(997, "Overlapped I/O operation is in progress."),

	/**
	 * The overlapped operation was aborted because the socket was closed.
	 */
	WSA_OPERATION_ABORTED(995,
			"The I/O operation has been aborted because of either a thread exit or an application request."),

	/**
	 * Access to the socket is forbidden.
	 */
	WSAEACCES(10013, "An attempt was made to access a socket in a way forbidden by its access permissions."),

	/**
	 * A pointer argument is not in the user address space.
	 */
	WSAEFAULT(10014,
			"The system detected an invalid pointer address in attempting to use a pointer argument in a call."),

	/**
	 * A blocking operation is in progress.
	 */
	WSAEINPROGRESS(10036, "A blocking operation is currently executing."),

	/**
	 * A blocking operation was interrupted.
	 */
	WSAEINTR(10004, "A blocking operation was interrupted by a call to WSACancelBlockingCall."),

	/**
	 * The control code or the argument is not valid for this socket.
	 */
	WSAEINVAL(10022,
			"An invalid argument was supplied: the control code or input is not acceptable for this type of socket."),

	/**
	 * The network subsystem has failed.
	 */
	WSAENETDOWN(10050, "A socket operation encountered a dead network."),

	/**
	 * The handle is not a socket.
	 */
	WSAENOTSOCK(10038, "An operation was attempted on something that is not a socket."),

	/**
	 * The ioctl is not supported by the transport provider: the normal "not available"
	 * answer.
	 */
	WSAEOPNOTSUPP(10045,
			"The attempted operation is not supported: the transport provider does not support SIO_LOOPBACK_FAST_PATH.");

	private final int code;

	private final String message;

	WsaError(int code, String message) {
		this.code = code;
		this.message = message;
	}

	/**
	 * The numeric Winsock error code.
	 * @return the code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * What the error means, in Microsoft's words.
	 * @return the meaning
	 */
	public String message() {
		return this.message;
	}

	/**
	 * Find the error with the given code.
	 * @param code a Winsock error code
	 * @return the error or {@code null} if the code is not one this ioctl documents
	 */
	public static @Nullable WsaError of(int code) {
		for (WsaError error : values()) {
			if (error.code == code) {
				return error;
			}
		}
		return null;
	}

	/**
	 * Any Winsock error code by code and meaning.
	 * @param code a Winsock error code
	 * @return the error
	 */
	public static FastPathError describe(int code) {
		WsaError error = of(code);
		if (error == null) {
			return new FastPathError(code, nameOf(code), messageOf(code), FastPathError.Meaning.OTHER);
		}
		FastPathError.Meaning meaning = switch (error) {
			case WSAEOPNOTSUPP -> FastPathError.Meaning.NOT_SUPPORTED;
			case WSAEACCES -> FastPathError.Meaning.ACCESS_DENIED;
			case WSAENOTSOCK -> FastPathError.Meaning.NOT_A_SOCKET;
			default -> FastPathError.Meaning.OTHER;
		};
		return new FastPathError(code, error.name(), error.message, meaning);
	}

	/**
	 * The symbolic name of any Winsock error code.
	 * @param code a Winsock error code
	 * @return the name, or {@code WSA_ERROR_} and the code for a code this ioctl does not
	 * document
	 */
	public static String nameOf(int code) {
		WsaError error = of(code);
		return (error != null) ? error.name() : "WSA_ERROR_" + code;
	}

	/**
	 * The meaning of any Winsock error code.
	 * @param code a Winsock error code
	 * @return the meaning
	 */
	public static String messageOf(int code) {
		WsaError error = of(code);
		return (error != null) ? error.message
				: "Winsock error " + code + ", not documented for SIO_LOOPBACK_FAST_PATH.";
	}

}
