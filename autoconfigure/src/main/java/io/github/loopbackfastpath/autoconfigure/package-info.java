/**
 * Wiring only: the ioctl's auto-configurations (the engine and registry, the server,
 * client, gRPC, endpoint and observability hooks, the management context's), their
 * properties, the messages that name those properties, and the JDK-wide mode's
 * environment post-processor. The running code is elsewhere: the engine in
 * {@code engine}, records in {@code registry}, the Winsock call in
 * {@code platform.winsock}, JDK channels in {@code jdk}, each hook in the package of its
 * library ({@code server.*}, {@code client.*}, {@code grpc}, {@code netty}), logs in
 * {@code report} and the Actuator endpoint in {@code actuate}. The same-host mode's
 * wiring is {@code unixdomain.autoconfigure}; the two order each other by name and import
 * nothing of each other.
 */
@NullMarked
package io.github.loopbackfastpath.autoconfigure;

import org.jspecify.annotations.NullMarked;
