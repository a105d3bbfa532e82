package io.github.loopbackfastpath.client.reactor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.platform.detect.SocketPlatforms;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.registry.Stage;
import io.github.loopbackfastpath.test.LinuxSockets;
import io.github.loopbackfastpath.test.SubstituteWindows;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReactorNettyClientFastPath} with a real Reactor Netty client and
 * server on loopback, on the epoll transport (Linux's default) and on NIO (what Windows
 * runs).
 */
@EnabledOnOs(OS.LINUX)
class ReactorNettyClientFastPathTests {

	private DisposableServer server;

	private LoopResources loops;

	@BeforeEach
	void startServer() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> response.sendString(Mono.just("hello")))
			.bindNow();
	}

	@AfterEach
	void stop() {
		this.server.disposeNow();
		if (this.loops != null) {
			this.loops.disposeLater().block(Duration.ofSeconds(5));
		}
	}

	@ParameterizedTest(name = "native transport preferred: {0}")
	@ValueSource(booleans = { true, false })
	void clientGetsTheIoctlOnItsRealSocketBeforeConnect(boolean preferNative) {
		SubstituteWindows windows = SubstituteWindows.accepting();
		FastPathEngine fastPath = new FastPathEngine(windows, ChannelHandles.detect(), new SocketRegistry(16), true,
				true);
		List<String> channelTypes = new CopyOnWriteArrayList<>();
		this.loops = LoopResources.create("test-client", 1, true);
		HttpClient client = new ReactorNettyClientFastPath(fastPath)
			.apply(HttpClient.create(ConnectionProvider.newConnection()).runOn(this.loops, preferNative))
			.doOnConnected((connection) -> channelTypes.add(connection.channel().getClass().getSimpleName()));
		String body = client.get()
			.uri("http://127.0.0.1:" + this.server.port() + "/")
			.responseContent()
			.aggregate()
			.asString()
			.block(Duration.ofSeconds(10));
		assertThat(body).isEqualTo("hello");
		if (preferNative && Epoll.isAvailable()) {
			assertThat(channelTypes).containsExactly("EpollSocketChannel");
		}
		else {
			assertThat(channelTypes).containsExactly("NioSocketChannel");
		}
		SubstituteWindows.Observation seen = windows.observations().get(0);
		assertThat(seen.streamSocket()).isTrue();
		assertThat(seen.peerNameErrno()).as("getpeername errno at the hook").isEqualTo(LinuxSockets.ENOTCONN);
		SocketRecord record = fastPath.registry().records().get(0);
		assertThat(record.status()).isEqualTo(FastPathStatus.APPLIED);
		assertThat(record.role()).isEqualTo(SocketRole.CLIENT);
		assertThat(record.outcome().component()).isEqualTo("reactor-netty-client");
		assertThat(record.outcome().stage()).isEqualTo(Stage.BEFORE_CONNECT);
		assertThat(record.outcome().handle()).isEqualTo(seen.handle());
		assertThat(record.remoteAddress().getPort()).isEqualTo(this.server.port());
		assertThat(record.loopbackPeer()).isTrue();
	}

	@ParameterizedTest(name = "native transport preferred: {0}")
	@ValueSource(booleans = { true, false })
	void onThisOsTheClientIsUnsupportedPlatformWithAVerifiedHandle(boolean preferNative) {
		FastPathEngine fastPath = new FastPathEngine(SocketPlatforms.detect(), ChannelHandles.detect(),
				new SocketRegistry(16), true, true);
		this.loops = LoopResources.create("test-client", 1, true);
		HttpClient client = new ReactorNettyClientFastPath(fastPath)
			.apply(HttpClient.create(ConnectionProvider.create("pool", 1)).runOn(this.loops, preferNative));
		client.get()
			.uri("http://127.0.0.1:" + this.server.port() + "/")
			.responseContent()
			.aggregate()
			.asString()
			.block(Duration.ofSeconds(10));
		SocketRecord record = fastPath.registry().records().get(0);
		assertThat(record.status()).isEqualTo(FastPathStatus.UNSUPPORTED_PLATFORM);
		assertThat(record.isOpen()).as("pooled connection stays open").isTrue();
		assertThat(fastPath.verifyHandle(record)).isTrue();
	}

	@org.junit.jupiter.api.Test
	void clientToANonLoopbackAddressIsSkippedWithoutAnIoctl() {
		SubstituteWindows windows = SubstituteWindows.accepting();
		FastPathEngine fastPath = new FastPathEngine(windows, ChannelHandles.detect(), new SocketRegistry(16), true,
				true);
		// The hook runs on an unconnected channel; nothing is ever sent to 192.0.2.1
		// (TEST-NET-1)
		io.netty.channel.socket.nio.NioSocketChannel channel = new io.netty.channel.socket.nio.NioSocketChannel();
		try {
			new ReactorNettyClientFastPath(fastPath).onChannelInit(reactor.netty.ConnectionObserver.emptyListener(),
					channel, new java.net.InetSocketAddress("192.0.2.1", 9));
		}
		finally {
			channel.unsafe().closeForcibly();
		}
		assertThat(windows.observations()).isEmpty();
		assertThat(fastPath.registry().records()).singleElement().satisfies((record) -> {
			assertThat(record.status()).isEqualTo(FastPathStatus.SKIPPED);
			assertThat(record.outcome().message()).contains("192.0.2.1").contains("not loopback");
		});
	}

}
