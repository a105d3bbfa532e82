/**
 * The same-host mode's decisions, shared by its servers and clients: web servers
 * additionally listen on AF_UNIX sockets published in a directory, named after their TCP
 * port, and clients send their plain {@code http://} loopback requests to those sockets
 * when they can trust them. Plain JDK NIO, no ioctl; JNA only to read the numeric ids and
 * process id of a connection's peer
 * ({@link io.github.loopbackfastpath.unixdomain.PeerIdentity}), at the first connection,
 * and nothing is lost without it but those numbers.
 * <p>
 * The directory, its names and which name a listener may take
 * ({@link io.github.loopbackfastpath.unixdomain.SocketDirectory},
 * {@link io.github.loopbackfastpath.unixdomain.SocketNames}) and the permissions of what
 * the mode creates ({@link io.github.loopbackfastpath.unixdomain.SocketPermissions});
 * whose sockets are used ({@link io.github.loopbackfastpath.unixdomain.SocketTrust}:
 * users, group, {@code SO_PEERCRED}) and the network namespace
 * ({@link io.github.loopbackfastpath.unixdomain.NetworkNamespace}: the server TCP would
 * reach); where a request goes
 * ({@link io.github.loopbackfastpath.unixdomain.UnixDomainRouter}, reading this process's
 * {@link io.github.loopbackfastpath.unixdomain.OwnSockets} first and telling hosts with
 * {@link io.github.loopbackfastpath.unixdomain.LoopbackHosts}); the buffer size
 * ({@link io.github.loopbackfastpath.unixdomain.SocketBuffers}); and where records go
 * ({@link io.github.loopbackfastpath.unixdomain.UnixDomainRecorder}).
 * <p>
 * Servers are in {@code server}, clients in {@code client}, the {@code transport} key of
 * the observations in {@code observation}, the wiring in {@code autoconfigure}. The
 * ioctl's hooks know one thing of this mode:
 * {@link io.github.loopbackfastpath.registry.RecordsItself}, which the mode's Tomcat
 * protocol and Jetty connector carry so that the ioctl's coverage checks do not report
 * them as listeners they missed.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain;

import org.jspecify.annotations.NullMarked;
