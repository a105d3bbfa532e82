/**
 * What happened to each socket: the immutable {@link SocketOutcome} fixed when the fast
 * path was requested, the {@link LiveSocket} view of the socket read when records are
 * read, the bounded {@link SocketRegistry} that keeps them (and each
 * {@link SocketRecord}'s handle, read when asked for where the OS has no ioctl), and the
 * names both modes record under ({@link Components}). Spring-free.
 */
@NullMarked
package io.github.loopbackfastpath.registry;

import org.jspecify.annotations.NullMarked;
