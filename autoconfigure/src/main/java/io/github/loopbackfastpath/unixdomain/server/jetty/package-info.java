/**
 * Jetty on the same-host mode: a connector on the JDK's AF_UNIX channels with the TCP
 * connector's connection factories (HTTP/1.1, h2c).
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.server.jetty;

import org.jspecify.annotations.NullMarked;
