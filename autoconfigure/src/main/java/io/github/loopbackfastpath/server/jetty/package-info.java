/**
 * The Jetty hook: each {@code ServerConnector} is handed a listening channel that got the
 * fast path before it was bound ({@code FastPathConnectorOpener}), set up exactly as the
 * connector would have set it up, by {@code JettyFastPathCustomizer}; connectors it does
 * not reach are recorded by {@code JettyConnectorCoverage}.
 */
@NullMarked
package io.github.loopbackfastpath.server.jetty;

import org.jspecify.annotations.NullMarked;
