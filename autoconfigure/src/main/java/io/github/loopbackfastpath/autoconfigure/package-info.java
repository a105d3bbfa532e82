/**
 * Auto-configuration of the loopback fast path: properties, the engine, the hooks of each
 * server and client, and the Actuator endpoint.
 */
@NullMarked
package io.github.loopbackfastpath.autoconfigure;

import org.jspecify.annotations.NullMarked;
