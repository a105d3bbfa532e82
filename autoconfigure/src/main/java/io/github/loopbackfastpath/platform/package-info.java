/**
 * The operating system's side of the fast path: the {@link SocketPlatform} seam, the
 * native handle of a socket ({@link NativeHandle}), errors by code and meaning
 * ({@link FastPathError}) and socket addresses ({@link SocketAddresses}), with Winsock in
 * {@code platform.winsock}, libc in {@code platform.posix} and the choice between them in
 * {@code platform.detect}. Spring-free.
 */
@NullMarked
package io.github.loopbackfastpath.platform;

import org.jspecify.annotations.NullMarked;
