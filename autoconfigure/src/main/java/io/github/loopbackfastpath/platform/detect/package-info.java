/**
 * Which {@link io.github.loopbackfastpath.platform.SocketPlatform} this JVM runs on: the
 * one package that knows both bindings, so that neither binding package and the platform
 * package itself depend on each other in a cycle.
 */
@NullMarked
package io.github.loopbackfastpath.platform.detect;

import org.jspecify.annotations.NullMarked;
