/**
 * The same-host mode: web servers additionally listen on AF_UNIX sockets published in a
 * directory, named after their TCP port, and clients send their plain {@code http://}
 * loopback requests to those sockets when they can trust them. Plain JDK NIO: no JNA, no
 * ioctl.
 * <p>
 * Publishing (servers) is
 * {@link io.github.loopbackfastpath.unixdomain.UnixDomainPublisher} with a
 * {@link io.github.loopbackfastpath.unixdomain.ServerBinder} per server library; routing
 * (clients) is {@link io.github.loopbackfastpath.unixdomain.UnixDomainRouter}, the one
 * decision every client adapter asks; trust is
 * {@link io.github.loopbackfastpath.unixdomain.SocketTrust} (users) and
 * {@link io.github.loopbackfastpath.unixdomain.NetworkNamespace} (the server TCP would
 * reach); records go through
 * {@link io.github.loopbackfastpath.unixdomain.UnixDomainRecorder}.
 * <p>
 * The ioctl's hooks know one thing of this mode:
 * {@link io.github.loopbackfastpath.registry.RecordsItself}, which the mode's Tomcat
 * protocol and Jetty connector carry so that the ioctl's coverage checks do not report
 * them as listeners they missed.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain;

import org.jspecify.annotations.NullMarked;
