/**
 * Netty support both modes share: the native socket and a live view of a Netty channel
 * and the ioctl's policy for them ({@code NettyChannels}), how Reactor Netty reaches an
 * AF_UNIX socket ({@code NettyDomainSockets}), the transport of the other AF_UNIX
 * channels ({@code NettyDomainTransport}) and the buffer size on them
 * ({@code NettySocketBuffers}), on the native (epoll, kqueue) and NIO transports.
 */
@NullMarked
package io.github.loopbackfastpath.netty;

import org.jspecify.annotations.NullMarked;
