package io.github.loopbackfastpath.server.netty;

import java.time.Duration;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.registry.Stage;
import io.github.loopbackfastpath.test.Http;
import io.github.loopbackfastpath.test.SubstituteWindows;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Reactor Netty server hook on real servers listening on loopback.
 */
@EnabledOnOs(OS.LINUX)
class FastPathLoopResourcesTests {

	private final LoopResources loops = LoopResources.create("test-server", 1, 1, true);

	private DisposableServer server;

	private WebServer webServer;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.disposeNow();
		}
		if (this.webServer != null) {
			this.webServer.stop();
		}
		this.loops.disposeLater().block(Duration.ofSeconds(5));
	}

	@ParameterizedTest(name = "native transport preferred: {0}")
	@ValueSource(booleans = { true, false })
	void listenerGetsTheIoctlOnItsRealSocketBeforeBind(boolean preferNative) throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting();
		FastPathEngine fastPath = engine(windows);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(new FastPathLoopResources(this.loops, fastPath, "reactor-netty"), preferNative)
			.doOnBound((bound) -> assertThat(bound.channel().getClass().getSimpleName()).isEqualTo(
					(preferNative && Epoll.isAvailable()) ? "EpollServerSocketChannel" : "NioServerSocketChannel"))
			.handle((request, response) -> response.sendString(Mono.just("hello")))
			.bindNow();
		SubstituteWindows.Observation seen = windows.observations().get(0);
		assertThat(seen.streamSocket()).isTrue();
		assertThat(seen.localPort()).as("not bound yet").isZero();
		assertThat(seen.acceptConn()).as("not listening yet").isZero();
		SocketRecord record = fastPath.registry().records().get(0);
		assertThat(record.status()).isEqualTo(FastPathStatus.APPLIED);
		assertThat(record.role()).isEqualTo(SocketRole.LISTENER);
		assertThat(record.outcome().stage()).isEqualTo(Stage.BEFORE_BIND);
		assertThat(record.outcome().handle()).isEqualTo(seen.handle());
		assertThat(record.acceptedConnections()).isZero();
		assertThat(Http.get("http://127.0.0.1:" + this.server.port() + "/").body()).isEqualTo("hello");
		assertThat(record.acceptedConnections()).isEqualTo(1);
		assertThat(record.localAddress().getPort()).isEqualTo(this.server.port());
		assertThat(fastPath.verifyHandle(record)).isTrue();
		this.server.disposeNow();
		this.server = null;
		assertThat(fastPath.registry().records()).singleElement()
			.satisfies((closed) -> assertThat(closed.isOpen()).isFalse());
		assertThat(this.loops.isDisposed()).as("the wrapper disposes nothing").isFalse();
	}

	@Test
	void springBootNettyServerGetsTheFastPathThroughItsResourceFactory() throws Exception {
		SubstituteWindows windows = SubstituteWindows.answering(10022);
		FastPathEngine fastPath = engine(windows);
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		resources.afterPropertiesSet();
		try {
			NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(0);
			factory.setAddress(java.net.InetAddress.getLoopbackAddress());
			factory.setResourceFactory(resources);
			new NettyServerFastPathCustomizer(fastPath,
					new org.springframework.beans.factory.support.StaticListableBeanFactory(
							java.util.Map.of("resources", resources))
						.getBeanProvider(ReactorResourceFactory.class))
				.customize(factory);
			HttpHandler handler = (request, response) -> response
				.writeWith(Mono.just(response.bufferFactory().wrap("hello".getBytes())));
			this.webServer = factory.getWebServer(handler);
			this.webServer.start();
			assertThat(Http.get("http://127.0.0.1:" + this.webServer.getPort() + "/").body()).isEqualTo("hello");
			SocketRecord record = fastPath.registry().records().get(0);
			assertThat(record.status()).isEqualTo(FastPathStatus.FAILED);
			assertThat(record.outcome().errorName()).isEqualTo("WSAEINVAL");
			assertThat(record.outcome().component()).isEqualTo("reactor-netty");
			assertThat(windows.observations().get(0).acceptConn()).isZero();
			this.webServer.stop();
			this.webServer = null;
			assertThat(resources.getLoopResources().isDisposed()).isFalse();
		}
		finally {
			resources.destroy();
		}
	}

	private static FastPathEngine engine(io.github.loopbackfastpath.platform.SocketPlatform platform) {
		return new FastPathEngine(platform, ChannelHandles.detect(), new SocketRegistry(8), true, true);
	}

}
