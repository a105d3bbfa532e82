/**
 * The Jetty hook: each {@code ServerConnector} is handed a listening channel that got the
 * fast path before it was bound, set up exactly as the connector would have set it up.
 */
@NullMarked
package io.github.loopbackfastpath.server.jetty;

import org.jspecify.annotations.NullMarked;
