/**
 * The Tomcat hook: a NIO endpoint ({@code FastPathNioEndpoint}, in the protocol
 * {@code FastPathHttp11NioProtocol}) that requests the fast path on its listening socket
 * before the acceptor starts, the customizer that installs it
 * ({@code TomcatFastPathCustomizer}), the check of connectors it does not reach
 * ({@code TomcatConnectorCoverage}) and its native-image hints
 * ({@code TomcatRuntimeHints}).
 */
@NullMarked
package io.github.loopbackfastpath.server.tomcat;

import org.jspecify.annotations.NullMarked;
