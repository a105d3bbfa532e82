package io.github.loopbackfastpath.client.jetty;

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
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jetty's HTTP client with the hook on its {@link ClientConnector}, against a real Jetty
 * server: the ioctl is requested on the client's real socket before it connects (libc
 * says {@code getpeername} fails with {@code ENOTCONN} at the hook). The Windows side is
 * {@link SubstituteWindows}, a substitute at the Winsock boundary only.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Observes the socket through Linux libc")
class JettyClientFastPathTests {

	private Server server;

	private int port;

	private HttpClient client;

	@BeforeEach
	void startServer() throws Exception {
		this.server = new Server();
		ServerConnector connector = new ServerConnector(this.server);
		connector.setHost("127.0.0.1");
		this.server.addConnector(connector);
		this.server.setHandler(new Handler.Abstract() {

			@Override
			public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
					Callback callback) {
				response.write(true, java.nio.ByteBuffer.wrap("hello".getBytes()), callback);
				return true;
			}

		});
		this.server.start();
		this.port = connector.getLocalPort();
	}

	@AfterEach
	void stop() throws Exception {
		if (this.client != null) {
			this.client.stop();
		}
		this.server.stop();
	}

	private HttpClient client(FastPathEngine fastPath) throws Exception {
		ClientConnector connector = new ClientConnector();
		new JettyClientFastPath(fastPath).apply(connector);
		this.client = new HttpClient(new HttpClientTransportOverHTTP(connector));
		this.client.start();
		return this.client;
	}

	@Test
	void theIoctlIsRequestedOnTheRealSocketBeforeItConnects() throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting();
		FastPathEngine fastPath = new FastPathEngine(windows, ChannelHandles.detect(), new SocketRegistry(16), true,
				true);
		ContentResponse response = client(fastPath).GET("http://127.0.0.1:" + this.port + "/");
		assertThat(response.getContentAsString()).isEqualTo("hello");
		SubstituteWindows.Observation seen = windows.observations().get(0);
		assertThat(seen.streamSocket()).isTrue();
		assertThat(seen.peerNameErrno()).as("getpeername errno at the hook").isEqualTo(LinuxSockets.ENOTCONN);
		SocketRecord record = fastPath.registry().records().get(0);
		assertThat(record.status()).isEqualTo(FastPathStatus.APPLIED);
		assertThat(record.role()).isEqualTo(SocketRole.CLIENT);
		assertThat(record.outcome().component()).isEqualTo("jetty-client");
		assertThat(record.outcome().stage()).isEqualTo(Stage.BEFORE_CONNECT);
		assertThat(record.outcome().handle()).isEqualTo(seen.handle());
		assertThat(record.remoteAddress().getPort()).isEqualTo(this.port);
		assertThat(record.loopbackPeer()).isTrue();
	}

	@Test
	void onThisOsTheClientIsUnsupportedPlatformWithAVerifiedHandleAndStaysPooled() throws Exception {
		FastPathEngine fastPath = new FastPathEngine(SocketPlatforms.detect(), ChannelHandles.detect(),
				new SocketRegistry(16), true, true);
		HttpClient client = client(fastPath);
		for (int i = 0; i < 3; i++) {
			assertThat(client.GET("http://127.0.0.1:" + this.port + "/").getContentAsString()).isEqualTo("hello");
		}
		assertThat(fastPath.registry().records()).as("one pooled connection").hasSize(1);
		SocketRecord record = fastPath.registry().records().get(0);
		assertThat(record.status()).isEqualTo(FastPathStatus.UNSUPPORTED_PLATFORM);
		assertThat(record.isOpen()).isTrue();
		assertThat(fastPath.verifyHandle(record)).isTrue();
	}

}
