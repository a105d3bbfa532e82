/**
 * The Spring-free engine: the Winsock binding, native socket handles, and the registry of
 * what happened to each socket.
 */
@NullMarked
package io.github.loopbackfastpath.engine;

import org.jspecify.annotations.NullMarked;
