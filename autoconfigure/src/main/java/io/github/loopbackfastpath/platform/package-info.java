/**
 * The operating system's side of the fast path: the {@link SocketPlatform} seam, with
 * Winsock in {@code platform.winsock} and libc in {@code platform.posix}. Spring-free.
 */
@NullMarked
package io.github.loopbackfastpath.platform;

import org.jspecify.annotations.NullMarked;
