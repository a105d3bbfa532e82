/**
 * The loopback fast path for Jetty's HTTP client.
 */
@NullMarked
package io.github.loopbackfastpath.client.jetty;

import org.jspecify.annotations.NullMarked;
