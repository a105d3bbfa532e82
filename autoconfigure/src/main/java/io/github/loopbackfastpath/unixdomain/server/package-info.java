/**
 * The same-host mode's servers: the one publisher
 * ({@link io.github.loopbackfastpath.unixdomain.server.SocketPublisher}), which binds in
 * a private place ({@link io.github.loopbackfastpath.unixdomain.server.SocketStaging})
 * and links a socket under its name; what it publishes
 * ({@link io.github.loopbackfastpath.unixdomain.server.PublishedSocket}) and what serves
 * it ({@link io.github.loopbackfastpath.unixdomain.server.Serving}); the web servers'
 * dispatch to their {@link io.github.loopbackfastpath.unixdomain.server.ServerBinder}
 * ({@link io.github.loopbackfastpath.unixdomain.server.ServerBinders}); and the socket's
 * shutdown with its server
 * ({@link io.github.loopbackfastpath.unixdomain.server.SocketShutdown}). Each server
 * library's binder is in a package of its own.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.server;

import org.jspecify.annotations.NullMarked;
