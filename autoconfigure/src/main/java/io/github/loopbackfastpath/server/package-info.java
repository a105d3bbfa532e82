/**
 * Listening sockets: the check that runs once a web server has started (every listener
 * has a record, and {@code fail-on-error} is honoured). The hooks are in
 * {@code server.tomcat}, {@code server.jetty} and {@code server.netty}.
 */
@NullMarked
package io.github.loopbackfastpath.server;

import org.jspecify.annotations.NullMarked;
