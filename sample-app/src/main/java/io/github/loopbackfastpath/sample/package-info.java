/**
 * A small web application with the loopback fast path enabled: Tomcat (or Reactor Netty
 * with the {@code reactive} profile) calling itself with a {@code WebClient} and a
 * {@code RestClient} and a gRPC channel; its bench mode is in {@code bench}.
 */
@NullMarked
package io.github.loopbackfastpath.sample;

import org.jspecify.annotations.NullMarked;
