/**
 * Wiring only: the auto-configurations, their properties and the messages that name those
 * properties. The running code is elsewhere: the engine in {@code engine}, records in
 * {@code registry}, the Winsock call in {@code platform.winsock}, JDK channels in
 * {@code jdk}, each hook in the package of its library ({@code server.tomcat},
 * {@code server.jetty}, {@code server.netty}, {@code client.reactor},
 * {@code client.httpclient5}), logs in {@code report} and the Actuator endpoint in
 * {@code actuate}.
 */
@NullMarked
package io.github.loopbackfastpath.autoconfigure;

import org.jspecify.annotations.NullMarked;
