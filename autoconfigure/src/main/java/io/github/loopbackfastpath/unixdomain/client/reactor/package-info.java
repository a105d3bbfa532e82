/**
 * Reactor Netty's HTTP client on the same-host mode: a connection provider
 * ({@code UnixDomainConnectionProvider}) around the client's own that acquires the
 * connections of routed loopback requests from AF_UNIX sockets.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.client.reactor;

import org.jspecify.annotations.NullMarked;
