/**
 * The same-host mode's clients: what each adapter does with a connection the router
 * routed ({@link io.github.loopbackfastpath.unixdomain.client.ClientConnections}: buffer
 * size and record); each client library's adapter is in a package of its own and passes
 * facts (host, port, the address its own resolver gave, what happened) to the
 * {@link io.github.loopbackfastpath.unixdomain.UnixDomainRouter}.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.client;

import org.jspecify.annotations.NullMarked;
