package io.github.loopbackfastpath.server.netty;

import java.time.Duration;

import io.github.loopbackfastpath.client.reactor.ReactorNettyClientFastPath;
import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.platform.detect.SocketPlatforms;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.SocketRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs in a JVM without any JVM option: Reactor Netty's NIO transport, what Windows runs,
 * wraps JDK channels, whose sockets the server and client hooks reach through the JNI
 * route.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Proves handles through libc")
class ReactorNettyNioWithoutExportsTests {

	private final LoopResources loops = LoopResources.create("nio-without-options", 1, 1, true);

	private DisposableServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.disposeNow();
		}
		this.loops.disposeLater().block(Duration.ofSeconds(5));
	}

	@Test
	void nioServerAndClientSocketsHaveVerifiedHandles() {
		ChannelHandles handles = ChannelHandles.detect();
		assertThat(handles.access()).startsWith("JNI:");
		FastPathEngine engine = new FastPathEngine(SocketPlatforms.detect(), handles, new SocketRegistry(8), true,
				true);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(new FastPathLoopResources(this.loops, engine, "reactor-netty"), false)
			.handle((request, response) -> response.sendString(Mono.just("hello")))
			.bindNow();
		HttpClient client = new ReactorNettyClientFastPath(engine)
			.apply(HttpClient.create(ConnectionProvider.create("nio-without-options", 1)).runOn(this.loops, false));
		assertThat(client.get()
			.uri("http://127.0.0.1:" + this.server.port() + "/")
			.responseContent()
			.aggregate()
			.asString()
			.block(Duration.ofSeconds(10))).isEqualTo("hello");
		assertThat(engine.registry().records()).extracting(SocketRecord::role)
			.containsExactly(SocketRole.LISTENER, SocketRole.CLIENT);
		assertThat(engine.registry().records()).allSatisfy((record) -> {
			assertThat(record.handle()).isNotNull();
			assertThat(engine.verifyHandle(record)).isTrue();
		});
	}

}
