package io.github.loopbackfastpath.registry;

/**
 * What happened when the loopback fast path was requested for one socket.
 *
 * @author Loopback Fast Path contributors
 */
public enum FastPathStatus {

	/**
	 * Windows accepted the request. This does not prove that traffic takes the fast path:
	 * a Windows Filtering Platform callout (firewall, antivirus) silently forces the
	 * normal path.
	 */
	APPLIED,

	/**
	 * The operating system has no such ioctl (Linux, macOS): the socket was left
	 * unchanged.
	 */
	UNSUPPORTED_PLATFORM,

	/**
	 * Windows answered {@code WSAEOPNOTSUPP}: the transport provider does not support it.
	 */
	UNSUPPORTED_BY_TRANSPORT,

	/**
	 * Windows refused the request with another Winsock error.
	 */
	FAILED,

	/**
	 * The native socket behind the Java channel could not be reached.
	 */
	HANDLE_UNAVAILABLE,

	/**
	 * Turned off by configuration: the socket was left unchanged.
	 */
	DISABLED,

	/**
	 * Deliberately not requested, for the reason given in the record.
	 */
	SKIPPED,

	/**
	 * An AF_UNIX socket of the same-host mode: it never touches TCP, so the ioctl does
	 * not apply, and none is needed.
	 */
	NOT_APPLICABLE;

	/**
	 * Whether this status means that something went wrong that an operator should fix,
	 * rather than an expected "not available here".
	 * @return whether the status is a failure
	 */
	public boolean isFailure() {
		return this == FAILED || this == HANDLE_UNAVAILABLE;
	}

}
