/**
 * Apache HttpClient 5 on the same-host mode: a connection operator that opens the
 * connections of routed requests on AF_UNIX sockets, after the pool's own
 * {@code DnsResolver} (and Spring Boot's address filter) answered.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.client.httpclient5;

import org.jspecify.annotations.NullMarked;
