/**
 * The Tomcat hook: a NIO endpoint that requests the fast path on its listening socket
 * before the acceptor starts.
 */
@NullMarked
package io.github.loopbackfastpath.server.tomcat;

import org.jspecify.annotations.NullMarked;
