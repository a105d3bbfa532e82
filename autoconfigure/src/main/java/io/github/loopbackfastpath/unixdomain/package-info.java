/**
 * The same-host mode: web servers additionally listen on AF_UNIX sockets published in an
 * owner-only directory, named after their TCP port, and clients send their plain
 * {@code http://} loopback requests to those sockets when they can trust them.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain;

import org.jspecify.annotations.NullMarked;
