/**
 * The JDK's own sockets: the native socket behind a JDK NIO channel
 * ({@link ChannelHandles}), and the JDK's process-wide switch
 * {@code jdk.net.useFastTcpLoopback} ({@link JdkFastLoopback}). Every use of the JDK's
 * internals is in {@code SunNioCh}, the JNI call in {@code JniFieldReader}. Spring-free,
 * but for the native-image hints ({@code JdkRuntimeHints}).
 */
@NullMarked
package io.github.loopbackfastpath.jdk;

import org.jspecify.annotations.NullMarked;
