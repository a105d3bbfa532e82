package io.github.loopbackfastpath.client.httpclient5;

import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;
import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.Stage;
import io.github.loopbackfastpath.test.LinuxSockets;
import io.github.loopbackfastpath.test.SubstituteWindows;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HttpClient5FastPath} with a real HttpClient 5 and an HTTP server on
 * loopback.
 */
@EnabledOnOs(OS.LINUX)
class HttpClient5FastPathTests {

	private HttpServer server;

	@BeforeEach
	void startServer() throws Exception {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			byte[] body = "hello".getBytes();
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void everyPlainSocketGetsTheIoctlOnItsRealSocketBeforeConnect() throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting();
		FastPathEngine fastPath = new FastPathEngine(windows, ChannelHandles.detect(), new SocketRegistry(16), true,
				true);
		PoolingHttpClientConnectionManager manager = new HttpClient5FastPath(fastPath)
			.apply(PoolingHttpClientConnectionManagerBuilder.create().build());
		try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(manager).build()) {
			String body = client.execute(new HttpGet("http://127.0.0.1:" + port() + "/"),
					(response) -> EntityUtils.toString(response.getEntity()));
			assertThat(body).isEqualTo("hello");
			SubstituteWindows.Observation seen = windows.observations().get(0);
			assertThat(seen.streamSocket()).isTrue();
			assertThat(seen.peerNameErrno()).isEqualTo(LinuxSockets.ENOTCONN);
			SocketRecord record = fastPath.registry().records().get(0);
			assertThat(record.status()).isEqualTo(FastPathStatus.APPLIED);
			assertThat(record.outcome().component()).isEqualTo("httpclient5");
			assertThat(record.outcome().stage()).isEqualTo(Stage.BEFORE_CONNECT);
			assertThat(record.outcome().handle()).isEqualTo(seen.handle());
			assertThat(record.remoteAddress().getPort()).isEqualTo(port());
			assertThat(record.loopbackPeer()).isTrue();
			assertThat(fastPath.verifyHandle(record)).isTrue();
		}
		assertThat(fastPath.registry().records()).as("closed with the pool").noneMatch(SocketRecord::isOpen);
	}

	@Test
	void applyingTwiceWrapsOnce() throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting();
		FastPathEngine fastPath = new FastPathEngine(windows, ChannelHandles.detect(), new SocketRegistry(16), true,
				true);
		HttpClient5FastPath hook = new HttpClient5FastPath(fastPath);
		PoolingHttpClientConnectionManager manager = hook
			.apply(hook.apply(PoolingHttpClientConnectionManagerBuilder.create().build()));
		try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(manager).build()) {
			client.execute(new HttpGet("http://127.0.0.1:" + port() + "/"), (response) -> response.getCode());
		}
		assertThat(windows.observations()).hasSize(1);
	}

	private int port() {
		return this.server.getAddress().getPort();
	}

}
