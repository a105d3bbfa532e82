/**
 * Reactor Netty on the same-host mode: the application's {@code HttpHandler} served by a
 * second Reactor Netty server on the AF_UNIX socket, configured as the TCP one
 * ({@link io.github.loopbackfastpath.unixdomain.server.netty.ConfiguredHttpServers}).
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.server.netty;

import org.jspecify.annotations.NullMarked;
