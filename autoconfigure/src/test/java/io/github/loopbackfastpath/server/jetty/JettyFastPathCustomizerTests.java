package io.github.loopbackfastpath.server.jetty;

import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.platform.detect.SocketPlatforms;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.Stage;
import io.github.loopbackfastpath.test.HelloServlet;
import io.github.loopbackfastpath.test.Http;
import io.github.loopbackfastpath.test.SubstituteWindows;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JettyFastPathCustomizer} on a real Jetty listening on loopback.
 */
@EnabledOnOs(OS.LINUX)
class JettyFastPathCustomizerTests {

	private WebServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	@Test
	void listenerGetsTheIoctlOnItsRealSocketBeforeBindAndKeepsJettysSettings() throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting();
		FastPathEngine fastPath = engine(windows);
		this.server = start(fastPath);
		SubstituteWindows.Observation seen = windows.observations().get(0);
		assertThat(seen.streamSocket()).isTrue();
		assertThat(seen.localPort()).as("not bound yet").isZero();
		assertThat(seen.acceptConn()).as("not listening yet").isZero();
		SocketRecord record = fastPath.registry().records().get(0);
		assertThat(record.status()).isEqualTo(FastPathStatus.APPLIED);
		assertThat(record.outcome().component()).isEqualTo("jetty");
		assertThat(record.outcome().stage()).isEqualTo(Stage.BEFORE_BIND);
		assertThat(record.outcome().handle()).isEqualTo(seen.handle());
		ServerConnector connector = (ServerConnector) ((JettyWebServer) this.server).getServer().getConnectors()[0];
		ServerSocketChannel channel = (ServerSocketChannel) connector.getTransport();
		assertThat(channel.getOption(StandardSocketOptions.SO_REUSEADDR)).isEqualTo(connector.getReuseAddress());
		assertThat(channel.getOption(StandardSocketOptions.SO_REUSEPORT)).isEqualTo(connector.isReusePort());
		assertThat(record.localAddress().getAddress().isLoopbackAddress()).isTrue();
		assertThat(record.localAddress().getPort()).isEqualTo(this.server.getPort());
		assertThat(record.acceptedConnections()).isZero();
		assertThat(Http.get("http://127.0.0.1:" + this.server.getPort() + "/").body()).isEqualTo("hello");
		assertThat(record.acceptedConnections()).isEqualTo(1);
		assertThat(fastPath.verifyHandle(record)).isTrue();
		this.server.stop();
		this.server = null;
		assertThat(record.isOpen()).isFalse();
	}

	@Test
	void refusedIoctlLeavesJettyServing() throws Exception {
		FastPathEngine fastPath = engine(SubstituteWindows.answering(10050));
		this.server = start(fastPath);
		SocketRecord record = fastPath.registry().records().get(0);
		assertThat(record.status()).isEqualTo(FastPathStatus.FAILED);
		assertThat(record.outcome().errorName()).isEqualTo("WSAENETDOWN");
		assertThat(Http.get("http://127.0.0.1:" + this.server.getPort() + "/").body()).isEqualTo("hello");
	}

	@Test
	void onThisOsTheListenerIsUnsupportedPlatformAndServes() throws Exception {
		FastPathEngine fastPath = engine(SocketPlatforms.detect());
		this.server = start(fastPath);
		SocketRecord record = fastPath.registry().records().get(0);
		assertThat(record.status()).isEqualTo(FastPathStatus.UNSUPPORTED_PLATFORM);
		assertThat(fastPath.verifyHandle(record)).isTrue();
		assertThat(Http.get("http://127.0.0.1:" + this.server.getPort() + "/").body()).isEqualTo("hello");
	}

	@Test
	void portInUseFailsTheWayJettyReportsIt() throws Exception {
		FastPathEngine fastPath = engine(SubstituteWindows.accepting());
		try (ServerSocketChannel taken = ServerSocketChannel.open()) {
			taken.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
			int port = ((java.net.InetSocketAddress) taken.getLocalAddress()).getPort();
			JettyServletWebServerFactory factory = new JettyServletWebServerFactory(port);
			factory.setAddress(java.net.InetAddress.getLoopbackAddress());
			new JettyFastPathCustomizer(fastPath).customize(factory);
			WebServer server = factory.getWebServer();
			try {
				org.assertj.core.api.Assertions.assertThatException()
					.isThrownBy(server::start)
					.withStackTraceContaining("Failed to bind to");
			}
			finally {
				server.stop();
			}
		}
		assertThat(fastPath.registry().records()).allSatisfy((record) -> assertThat(record.isOpen()).isFalse());
	}

	private static FastPathEngine engine(io.github.loopbackfastpath.platform.SocketPlatform platform) {
		return new FastPathEngine(platform, ChannelHandles.detect(), new SocketRegistry(8), true, true);
	}

	private static WebServer start(FastPathEngine fastPath) {
		JettyServletWebServerFactory factory = new JettyServletWebServerFactory(0);
		factory.setAddress(java.net.InetAddress.getLoopbackAddress());
		new JettyFastPathCustomizer(fastPath).customize(factory);
		WebServer server = factory.getWebServer(HelloServlet.onRoot());
		server.start();
		return server;
	}

}
