/**
 * The Actuator endpoint that shows, socket by socket, what the fast path did.
 */
@NullMarked
package io.github.loopbackfastpath.actuate;

import org.jspecify.annotations.NullMarked;
