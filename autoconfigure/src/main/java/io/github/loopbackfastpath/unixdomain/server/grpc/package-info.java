/**
 * The gRPC server on the same-host mode: a second grpc-netty server on the AF_UNIX
 * socket, with the TCP server's services and settings.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.server.grpc;

import org.jspecify.annotations.NullMarked;
