/**
 * Tomcat on the same-host mode: a second connector on Tomcat's AF_UNIX support, with the
 * TCP connector's protocol settings (h2c included).
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.server.tomcat;

import org.jspecify.annotations.NullMarked;
