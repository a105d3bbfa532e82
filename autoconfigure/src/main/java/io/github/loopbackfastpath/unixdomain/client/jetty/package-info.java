/**
 * Jetty's HTTP client on the same-host mode: a {@code SocketAddressResolver} (the hook
 * Spring Boot itself uses to filter Jetty's addresses),
 * {@code UnixDomainSocketAddressResolver}, that gives each routed connection an AF_UNIX
 * transport ({@code UnixDomainTransport}).
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.client.jetty;

import org.jspecify.annotations.NullMarked;
