/**
 * The gRPC hooks: the listening channels of the Netty-based gRPC server Spring Boot
 * builds get the fast path before bind, and every connection of the channels its channel
 * factory creates gets it before connect. {@code GrpcChannels} is the one wrapper of
 * grpc-netty's channel factory, composing the {@code GrpcChannelWrapper}s of both modes
 * in a defined order ({@code unix:} targets, the ioctl, the same-host mode). What no hook
 * reaches (in-process, grpc-netty-shaded, a server built by hand) is named on the
 * endpoint. All reflection on grpc-netty is in {@code GrpcNettyInternals}.
 */
@NullMarked
package io.github.loopbackfastpath.grpc;

import org.jspecify.annotations.NullMarked;
