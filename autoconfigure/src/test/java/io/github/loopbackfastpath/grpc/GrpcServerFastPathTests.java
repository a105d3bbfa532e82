package io.github.loopbackfastpath.grpc;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.registry.Stage;
import io.github.loopbackfastpath.test.EchoGrpc;
import io.github.loopbackfastpath.test.SubstituteWindows;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GrpcServerFastPath} on real gRPC servers listening on loopback, on the
 * transport grpc-netty chooses (epoll here) and on NIO (what Windows runs).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Proves handles through Linux libc")
class GrpcServerFastPathTests {

	private Server server;

	private ManagedChannel channel;

	private EventLoopGroup nio;

	@AfterEach
	void stop() throws Exception {
		if (this.channel != null) {
			this.channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
		if (this.server != null) {
			this.server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
		if (this.nio != null) {
			this.nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
		}
	}

	@ParameterizedTest(name = "NIO chosen by the application: {0}")
	@ValueSource(booleans = { false, true })
	void listenerGetsTheIoctlOnItsRealSocketBeforeBindAndKeepsTheServersSettings(boolean nio) throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting();
		FastPathEngine engine = engine(windows);
		NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(new EchoGrpc());
		if (nio) {
			this.nio = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
			builder.channelType(NioServerSocketChannel.class)
				.bossEventLoopGroup(this.nio)
				.workerEventLoopGroup(this.nio);
		}
		new GrpcServerFastPath(engine).customize(builder);
		this.server = builder.build().start();
		SubstituteWindows.Observation seen = windows.observations().get(0);
		assertThat(seen.streamSocket()).isTrue();
		assertThat(seen.localPort()).as("not bound yet").isZero();
		assertThat(seen.acceptConn()).as("not listening yet").isZero();
		SocketRecord record = engine.registry().records().get(0);
		assertThat(record.role()).isEqualTo(SocketRole.LISTENER);
		assertThat(record.outcome().component()).isEqualTo("grpc");
		assertThat(record.outcome().stage()).isEqualTo(Stage.BEFORE_BIND);
		assertThat(record.status()).isEqualTo(FastPathStatus.APPLIED);
		assertThat(record.outcome().handle()).isEqualTo(seen.handle());
		assertThat(record.localAddress().getPort()).isEqualTo(this.server.getPort());
		assertThat(record.acceptedConnections()).isZero();
		this.channel = NettyChannelBuilder.forAddress("127.0.0.1", this.server.getPort()).usePlaintext().build();
		assertThat(EchoGrpc.echo(this.channel, "hello")).isEqualTo("hello");
		assertThat(record.acceptedConnections()).isEqualTo(1);
		assertThat(engine.verifyHandle(record)).isTrue();
		this.server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		this.server = null;
		assertThat(record.isOpen()).isFalse();
	}

	@Test
	void refusedIoctlLeavesTheServerServing() throws Exception {
		FastPathEngine engine = engine(SubstituteWindows.answering(10022));
		NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(new EchoGrpc());
		new GrpcServerFastPath(engine).customize(builder);
		this.server = builder.build().start();
		assertThat(engine.registry().records()).singleElement()
			.satisfies((record) -> assertThat(record.outcome().errorName()).isEqualTo("WSAEINVAL"));
		this.channel = NettyChannelBuilder.forAddress("127.0.0.1", this.server.getPort()).usePlaintext().build();
		assertThat(EchoGrpc.echo(this.channel, "still")).isEqualTo("still");
	}

	@Test
	void customizingTwiceWrapsOnce() throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting();
		FastPathEngine engine = engine(windows);
		NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(new EchoGrpc());
		GrpcServerFastPath hook = new GrpcServerFastPath(engine);
		hook.customize(builder);
		hook.customize(builder);
		this.server = builder.build().start();
		assertThat(windows.observations()).hasSize(1);
	}

	private static FastPathEngine engine(io.github.loopbackfastpath.platform.SocketPlatform platform) {
		return new FastPathEngine(platform, ChannelHandles.detect(), new SocketRegistry(64), true, true);
	}

}
