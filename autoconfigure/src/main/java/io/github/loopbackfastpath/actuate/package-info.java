/**
 * What an operator reads of both modes through Actuator: the {@code loopbackfastpath}
 * endpoint (socket by socket, and the same-host mode's directory and published sockets),
 * the health contributor and the metrics.
 */
@NullMarked
package io.github.loopbackfastpath.actuate;

import org.jspecify.annotations.NullMarked;
