/**
 * WebFlux applications on a published socket: the peer of the connection an exchange came
 * over, as an exchange attribute, whichever server it came to.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.server.webflux;

import org.jspecify.annotations.NullMarked;
