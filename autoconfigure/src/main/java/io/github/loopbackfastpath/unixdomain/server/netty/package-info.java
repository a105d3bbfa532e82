/**
 * Reactor Netty on the same-host mode: the application's {@code HttpHandler} served by a
 * second Reactor Netty server on the AF_UNIX socket, configured as the TCP one
 * ({@link io.github.loopbackfastpath.unixdomain.server.netty.ConfiguredHttpServers}), or
 * that server itself bound to the socket when it listens there only; and the peer of a
 * connection Netty accepted, which the gRPC server reads too
 * ({@link io.github.loopbackfastpath.unixdomain.server.netty.NettyPeers}).
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.server.netty;

import org.jspecify.annotations.NullMarked;
