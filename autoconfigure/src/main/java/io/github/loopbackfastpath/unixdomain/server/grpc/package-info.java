/**
 * The gRPC server on the same-host mode: a second grpc-netty server on the AF_UNIX
 * socket, with the TCP server's services and settings, or, when it listens there only,
 * Spring Boot's server built on the socket instead of a TCP port.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.server.grpc;

import org.jspecify.annotations.NullMarked;
