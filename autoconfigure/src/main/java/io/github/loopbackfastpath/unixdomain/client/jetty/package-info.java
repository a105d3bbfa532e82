/**
 * The same-host mode for Jetty's HTTP client: a {@code SocketAddressResolver} (the hook
 * Spring Boot itself uses to filter Jetty's addresses) that gives each new connection to
 * a published, trusted loopback socket an AF_UNIX transport.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.client.jetty;

import org.jspecify.annotations.NullMarked;
