/**
 * What happened to each socket: the immutable {@link SocketOutcome} fixed when the fast
 * path was requested, the {@link LiveSocket} view of the socket read when records are
 * read, and the bounded {@link SocketRegistry} that keeps them. Spring-free.
 */
@NullMarked
package io.github.loopbackfastpath.registry;

import org.jspecify.annotations.NullMarked;
