/**
 * Winsock through JNA: {@code WSAIoctl(SIO_LOOPBACK_FAST_PATH)}, {@code getsockname}, the
 * Winsock errors of the specification, and the Windows build read from the OS.
 */
@NullMarked
package io.github.loopbackfastpath.platform.winsock;

import org.jspecify.annotations.NullMarked;
