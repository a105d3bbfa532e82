package io.github.loopbackfastpath.sample.bench;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.loopbackfastpath.grpc.GrpcChannels;
import io.github.loopbackfastpath.unixdomain.client.grpc.GrpcUnixDomainChannels;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.StandardEnvironment;

/**
 * The bench's gRPC workloads: the application's own gRPC server, called at
 * {@code 127.0.0.1:<port>} through grpc-netty channels, over TCP or, in the
 * {@code AF_UNIX} mode, through the starter's same-host routing for gRPC channels
 * ({@link GrpcUnixDomainChannels}, which Spring Boot's channel factory applies). The
 * channels of every mode are built alike (plaintext, grpc-netty's default event loops);
 * only the routing differs. Rounds and blocks as in {@link HttpBench}: each round builds
 * each mode's channel afresh, opens it with one untimed call, and alternates the modes in
 * blocks.
 *
 * @author Loopback Fast Path contributors
 */
final class GrpcBench {

	private static final int MAX_MESSAGE = 4 * 1024 * 1024;

	private final String target;

	// The starter's channel customizer with the same-host routing alone
	private final @Nullable GrpcChannels channels;

	GrpcBench(int port, @Nullable GrpcUnixDomainChannels channels) {
		this.target = "127.0.0.1:" + port;
		this.channels = (channels != null) ? new GrpcChannels(List.of(channels), new StandardEnvironment()) : null;
	}

	static List<Mode> modes(int port, @Nullable SocketPublisher sockets, @Nullable GrpcUnixDomainChannels channels) {
		return (channels != null && sockets != null && sockets.published().containsKey(port))
				? List.of(Mode.TCP, Mode.TCP_AGAIN, Mode.UNIX_DOMAIN) : List.of(Mode.TCP, Mode.TCP_AGAIN);
	}

	/**
	 * One gRPC workload.
	 * @param payload bytes sent (and answered, once or {@value BenchService#STREAMED}
	 * times)
	 * @param operations calls per mode and round
	 * @param streaming whether the server answers with a stream
	 * @param channelPerCall whether every call opens its own channel
	 * @return the workload's round
	 */
	Round workload(int payload, int operations, boolean streaming, boolean channelPerCall) {
		byte[] body = new byte[payload];
		long bytesPerCall = (long) payload * (streaming ? 1 + BenchService.STREAMED : 2);
		return BenchLane.interleaved(operations, channelPerCall ? 0 : bytesPerCall * operations,
				(mode) -> new Lane(mode, body, streaming, channelPerCall));
	}

	/**
	 * One mode's part of a round: its channel and what its calls measured.
	 */
	private final class Lane extends BenchLane {

		private final byte[] body;

		private final boolean streaming;

		private final boolean channelPerCall;

		private final @Nullable ManagedChannel kept;

		Lane(Mode mode, byte[] body, boolean streaming, boolean channelPerCall) {
			super(mode);
			this.body = body;
			this.streaming = streaming;
			this.channelPerCall = channelPerCall;
			this.kept = channelPerCall ? null : channel();
		}

		private ManagedChannel channel() {
			NettyChannelBuilder builder = NettyChannelBuilder.forTarget(GrpcBench.this.target)
				.usePlaintext()
				.maxInboundMessageSize(MAX_MESSAGE);
			GrpcChannels channels = GrpcBench.this.channels;
			if (mode() == Mode.UNIX_DOMAIN && channels != null) {
				channels.customize(GrpcBench.this.target, builder);
			}
			return builder.build();
		}

		@Override
		void call() throws IOException, InterruptedException {
			ManagedChannel channel = (this.kept != null) ? this.kept : channel();
			try {
				long received = 0;
				if (this.streaming) {
					Iterator<byte[]> answers = ClientCalls.blockingServerStreamingCall(channel, BenchService.STREAM,
							CallOptions.DEFAULT, this.body);
					while (answers.hasNext()) {
						received += answers.next().length;
					}
				}
				else {
					received = ClientCalls.blockingUnaryCall(channel, BenchService.ECHO, CallOptions.DEFAULT,
							this.body).length;
				}
				long expected = (long) this.body.length * (this.streaming ? BenchService.STREAMED : 1);
				if (received != expected) {
					throw new IOException("The answer came back with " + received + " bytes instead of " + expected);
				}
			}
			finally {
				if (this.kept == null) {
					channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
				}
			}
		}

		@Override
		public void close() throws InterruptedException {
			if (this.kept != null) {
				this.kept.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
			}
		}

	}

}
