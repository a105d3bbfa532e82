package io.github.loopbackfastpath.grpc;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.platform.SocketPlatform;
import io.github.loopbackfastpath.platform.detect.SocketPlatforms;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.registry.Stage;
import io.github.loopbackfastpath.test.EchoGrpc;
import io.github.loopbackfastpath.test.LinuxSockets;
import io.github.loopbackfastpath.test.SubstituteWindows;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.embedded.EmbeddedChannel;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GrpcClientFastPath} with real gRPC channels and a real server on
 * loopback.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Proves handles through Linux libc")
class GrpcClientFastPathTests {

	private Server server;

	@BeforeEach
	void startServer() throws Exception {
		this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(new EchoGrpc())
			.build()
			.start();
	}

	@AfterEach
	void stopServer() throws Exception {
		this.server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
	}

	@Test
	void everyConnectionGetsTheIoctlOnItsRealSocketBeforeConnectAndAReconnectIsANewRecord() throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting();
		FastPathEngine engine = engine(windows, 64);
		ManagedChannel channel = channel(engine);
		try {
			assertThat(EchoGrpc.echo(channel, "one")).isEqualTo("one");
			SubstituteWindows.Observation seen = windows.observations().get(0);
			assertThat(seen.streamSocket()).isTrue();
			assertThat(seen.peerNameErrno()).as("getpeername errno at the hook").isEqualTo(LinuxSockets.ENOTCONN);
			SocketRecord record = engine.registry().records().get(0);
			assertThat(record.role()).isEqualTo(SocketRole.CLIENT);
			assertThat(record.outcome().component()).isEqualTo("grpc-client");
			assertThat(record.outcome().stage()).isEqualTo(Stage.BEFORE_CONNECT);
			assertThat(record.status()).isEqualTo(FastPathStatus.APPLIED);
			assertThat(record.outcome().handle()).isEqualTo(seen.handle());
			assertThat(record.remoteAddress().getPort()).isEqualTo(this.server.getPort());
			assertThat(record.loopbackPeer()).isTrue();
			assertThat(engine.verifyHandle(record)).isTrue();
			channel.enterIdle();
			assertThat(EchoGrpc.echo(channel, "two")).isEqualTo("two");
			assertThat(windows.observations()).as("one ioctl per connection").hasSize(2);
			Awaitility.await().untilAsserted(() -> assertThat(record.isOpen()).as("the first connection").isFalse());
			assertThat(engine.registry().records()).extracting(SocketRecord::role)
				.containsExactly(SocketRole.CLIENT, SocketRole.CLIENT);
		}
		finally {
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void onThisOsTheClientIsUnsupportedPlatformWithAVerifiedHandle() throws Exception {
		FastPathEngine engine = engine(SocketPlatforms.detect(), 64);
		ManagedChannel channel = channel(engine);
		try {
			assertThat(EchoGrpc.echo(channel, "hello")).isEqualTo("hello");
			SocketRecord record = engine.registry().records().get(0);
			assertThat(record.status()).isEqualTo(FastPathStatus.UNSUPPORTED_PLATFORM);
			assertThat(engine.verifyHandle(record)).isTrue();
		}
		finally {
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void manyShortLivedChannelsKeepTheRegistryBounded() throws Exception {
		FastPathEngine engine = engine(SubstituteWindows.answering(10045), 16);
		int channels = 300;
		for (int i = 0; i < channels; i++) {
			ManagedChannel channel = channel(engine);
			assertThat(EchoGrpc.echo(channel, "x")).isEqualTo("x");
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
			assertThat(engine.registry().size()).as("open + history + closed sockets not swept yet")
				.isLessThanOrEqualTo(1 + 16 + 64 + 1);
		}
		Awaitility.await().untilAsserted(() -> assertThat(engine.registry().openCount()).isZero());
		assertThat(engine.registry().records()).hasSize(16);
		assertThat(engine.registry().totals().get(FastPathStatus.UNSUPPORTED_BY_TRANSPORT)).isEqualTo(channels);
	}

	@Test
	void connectionToANonLoopbackAddressIsSkippedWithoutAnIoctl() {
		SubstituteWindows windows = SubstituteWindows.accepting();
		FastPathEngine engine = engine(windows, 8);
		// An in-memory channel: nothing is ever sent to 192.0.2.1 (TEST-NET-1)
		EmbeddedChannel channel = (EmbeddedChannel) new GrpcClientFastPath.ConnectingChannels(EmbeddedChannel::new,
				engine)
			.newChannel();
		channel.connect(new InetSocketAddress("192.0.2.1", 9));
		assertThat(windows.observations()).isEmpty();
		List<SocketRecord> records = engine.registry().records();
		assertThat(records).singleElement().satisfies((record) -> {
			assertThat(record.status()).isEqualTo(FastPathStatus.SKIPPED);
			assertThat(record.outcome().message()).contains("192.0.2.1").contains("not loopback");
		});
		channel.finishAndReleaseAll();
	}

	private ManagedChannel channel(FastPathEngine engine) {
		NettyChannelBuilder builder = NettyChannelBuilder.forAddress("127.0.0.1", this.server.getPort()).usePlaintext();
		new GrpcChannels(List.of(new GrpcClientFastPath(engine)), new StandardEnvironment()).customize("test", builder);
		return builder.build();
	}

	private static FastPathEngine engine(SocketPlatform platform, int history) {
		return new FastPathEngine(platform, ChannelHandles.detect(), new SocketRegistry(history), true, true);
	}

}
