/**
 * The Reactor Netty server hook: the loop resources that create the server's channels
 * request the fast path on the listening channel before it is bound
 * ({@code FastPathLoopResources}, given by {@code FastPathReactorResourceFactory} and
 * {@code NettyServerFastPathCustomizer}); {@code NettyServerCoverage} names what it does
 * not reach.
 */
@NullMarked
package io.github.loopbackfastpath.server.netty;

import org.jspecify.annotations.NullMarked;
