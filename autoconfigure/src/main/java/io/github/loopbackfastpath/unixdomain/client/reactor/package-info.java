/**
 * Reactor Netty's HTTP client on the same-host mode: a connection provider that acquires
 * the connections of loopback requests from AF_UNIX sockets.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.client.reactor;

import org.jspecify.annotations.NullMarked;
