/**
 * Linux, macOS and other Unix systems: no such ioctl; {@code getsockname} through libc
 * proves which socket a handle is.
 */
@NullMarked
package io.github.loopbackfastpath.platform.posix;

import org.jspecify.annotations.NullMarked;
