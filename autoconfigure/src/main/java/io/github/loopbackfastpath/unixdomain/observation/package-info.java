/**
 * The {@code transport} key the same-host mode adds to Spring's HTTP and gRPC
 * observations: {@code TCP} or {@code UNIX_DOMAIN}, so that a user compares the two on
 * their own dashboards.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.observation;

import org.jspecify.annotations.NullMarked;
