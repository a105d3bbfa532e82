/**
 * Client sockets: what the starter says about the HTTP clients it has no hook for
 * ({@code ClientCoverage}). The hooks are in {@code client.reactor} (Reactor Netty),
 * {@code client.httpclient5} (Apache HttpClient 5) and {@code client.jetty} (Jetty's
 * client).
 */
@NullMarked
package io.github.loopbackfastpath.client;

import org.jspecify.annotations.NullMarked;
