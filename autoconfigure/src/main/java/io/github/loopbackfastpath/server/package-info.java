/**
 * Listening sockets: the check that runs once a web server has started (every listener
 * has a record, and {@code fail-on-error} is honoured: {@code ListenerCheck},
 * {@code WebServerCoverage}) and which library serves a web server ({@code WebServers},
 * for both modes). The hooks are in {@code server.tomcat}, {@code server.jetty} and
 * {@code server.netty}.
 */
@NullMarked
package io.github.loopbackfastpath.server;

import org.jspecify.annotations.NullMarked;
