/**
 * Client sockets: what the starter says about the HTTP clients it has no hook for. The
 * hooks are in {@code client.reactor} (Reactor Netty) and {@code client.httpclient5}
 * (Apache HttpClient 5).
 */
@NullMarked
package io.github.loopbackfastpath.client;

import org.jspecify.annotations.NullMarked;
