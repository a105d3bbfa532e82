/**
 * The Jetty client hook: every connection of Jetty's {@code HttpClient} (and so of
 * {@code WebClient} and {@code RestClient} on Jetty) gets the fast path before connect,
 * through the connector's {@code onConnectBegin} event; a remote address that is not
 * loopback is recorded as skipped.
 */
@NullMarked
package io.github.loopbackfastpath.client.jetty;

import org.jspecify.annotations.NullMarked;
