/**
 * What the Reactor Netty server and client hooks share: the native socket and a live view
 * of a Netty channel, on the native (epoll, kqueue) and NIO transports.
 */
@NullMarked
package io.github.loopbackfastpath.netty;

import org.jspecify.annotations.NullMarked;
