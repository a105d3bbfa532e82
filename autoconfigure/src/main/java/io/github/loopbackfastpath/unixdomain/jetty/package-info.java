/**
 * The same-host mode: jetty.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.jetty;

import org.jspecify.annotations.NullMarked;
