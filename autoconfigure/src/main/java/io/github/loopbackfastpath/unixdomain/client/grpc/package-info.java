/**
 * gRPC channels on the same-host mode: grpc-netty's channel factory, wrapped through the
 * one composition of {@link io.github.loopbackfastpath.grpc.GrpcChannels}, hands out
 * AF_UNIX channels for plaintext loopback targets.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.client.grpc;

import org.jspecify.annotations.NullMarked;
