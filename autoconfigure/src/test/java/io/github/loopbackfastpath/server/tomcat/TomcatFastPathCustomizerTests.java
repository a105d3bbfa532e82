package io.github.loopbackfastpath.server.tomcat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.platform.detect.SocketPlatforms;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.registry.Stage;
import io.github.loopbackfastpath.server.WebServers;
import io.github.loopbackfastpath.test.HelloServlet;
import io.github.loopbackfastpath.test.LinuxSockets;
import io.github.loopbackfastpath.test.SubstituteWindows;
import org.apache.coyote.http11.Http11Nio2Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TomcatFastPathCustomizer} on a real Tomcat listening on loopback. The
 * tests in which the substitute Windows answers an ioctl observe the handle through Linux
 * libc, so they run on Linux; the others hold on every OS.
 */
class TomcatFastPathCustomizerTests {

	private WebServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	@Test
	@EnabledOnOs(value = OS.LINUX, disabledReason = "The substitute Windows observes handles through Linux libc")
	void listenerGetsTheIoctlOnItsRealSocketBeforeTheAcceptorStarts() throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting()
			.observing((fd) -> acceptorThreads(LinuxSockets.localPort(fd)).toString());
		FastPathEngine fastPath = engine(windows);
		this.server = start(fastPath, new TomcatServletWebServerFactory(0));
		SocketRecord record = onlyRecord(fastPath);
		assertThat(record.status()).isEqualTo(FastPathStatus.APPLIED);
		assertThat(record.role()).isEqualTo(SocketRole.LISTENER);
		assertThat(record.outcome().component()).isEqualTo("tomcat");
		assertThat(record.outcome().stage()).isEqualTo(Stage.BEFORE_ACCEPT);
		SubstituteWindows.Observation seen = windows.observations().get(0);
		assertThat(seen.handle()).isEqualTo(record.outcome().handle());
		assertThat(seen.streamSocket()).isTrue();
		assertThat(seen.localPort()).isEqualTo(this.server.getPort());
		assertThat(seen.extra()).as("acceptor threads when the ioctl ran").isEqualTo("[]");
		assertThat(record.acceptedConnections()).isZero();
		assertThat(get(this.server.getPort())).isEqualTo("hello");
		assertThat(record.acceptedConnections()).isEqualTo(1);
		assertThat(fastPath.verifyHandle(record)).isTrue();
	}

	@Test
	@EnabledOnOs(value = OS.LINUX, disabledReason = "The substitute Windows observes handles through Linux libc")
	void failedIoctlLeavesTomcatServing() throws Exception {
		FastPathEngine fastPath = engine(SubstituteWindows.answering(10022));
		this.server = start(fastPath, new TomcatServletWebServerFactory(0));
		SocketRecord record = onlyRecord(fastPath);
		assertThat(record.status()).isEqualTo(FastPathStatus.FAILED);
		assertThat(record.outcome().errorName()).isEqualTo("WSAEINVAL");
		assertThat(get(this.server.getPort())).isEqualTo("hello");
	}

	@Test
	@EnabledOnOs(value = OS.LINUX, disabledReason = "Asserts UNSUPPORTED_PLATFORM")
	void onThisOsTheListenerIsUnsupportedPlatformAndServes() throws Exception {
		FastPathEngine fastPath = engine(SocketPlatforms.detect());
		this.server = start(fastPath, new TomcatServletWebServerFactory(0));
		SocketRecord record = onlyRecord(fastPath);
		assertThat(record.status()).isEqualTo(FastPathStatus.UNSUPPORTED_PLATFORM);
		assertThat(fastPath.verifyHandle(record)).isTrue();
		assertThat(get(this.server.getPort())).isEqualTo("hello");
	}

	@Test
	void protocolChosenByTheApplicationIsKeptAndSkipped() throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting();
		FastPathEngine fastPath = engine(windows);
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
		factory.setProtocol(Http11Nio2Protocol.class.getName());
		this.server = start(fastPath, factory);
		TomcatConnectorCoverage coverage = new TomcatConnectorCoverage(fastPath);
		assertThat(coverage.component()).isEqualTo(WebServers.componentOf(this.server)).isEqualTo("tomcat");
		coverage.recordUnhooked(this.server);
		SocketRecord record = onlyRecord(fastPath);
		assertThat(record.status()).isEqualTo(FastPathStatus.SKIPPED);
		assertThat(record.localAddress().getPort()).isEqualTo(this.server.getPort());
		assertThat(record.outcome().message()).contains(Http11Nio2Protocol.class.getName())
			.contains("does not replace");
		assertThat(windows.observations()).isEmpty();
		assertThat(((TomcatWebServer) this.server).getTomcat().getConnector().getProtocolHandlerClassName())
			.isEqualTo(Http11Nio2Protocol.class.getName());
		assertThat(get(this.server.getPort())).isEqualTo("hello");
	}

	@Test
	void unixDomainSocketListenerIsSkippedWithTheReason(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory)
			throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting();
		FastPathEngine fastPath = engine(windows);
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
		String path = directory.resolve("tomcat.sock").toString();
		factory.addConnectorCustomizers((connector) -> connector.setProperty("unixDomainSocketPath", path));
		this.server = start(fastPath, factory);
		SocketRecord record = onlyRecord(fastPath);
		assertThat(record.status()).isEqualTo(FastPathStatus.SKIPPED);
		assertThat(record.outcome().message()).contains("Unix domain socket").contains(path).contains("TCP only");
		assertThat(windows.observations()).isEmpty();
	}

	@Test
	@EnabledOnOs(value = OS.LINUX, disabledReason = "The substitute Windows observes handles through Linux libc")
	void stoppedServerMovesItsRecordToHistory() throws Exception {
		FastPathEngine fastPath = engine(SubstituteWindows.accepting());
		this.server = start(fastPath, new TomcatServletWebServerFactory(0));
		this.server.stop();
		this.server = null;
		SocketRecord record = onlyRecord(fastPath);
		assertThat(record.isOpen()).isFalse();
		assertThat(fastPath.registry().openCount()).isZero();
	}

	private static FastPathEngine engine(io.github.loopbackfastpath.platform.SocketPlatform platform) {
		return new FastPathEngine(platform, ChannelHandles.detect(), new SocketRegistry(8), true, true);
	}

	private static WebServer start(FastPathEngine fastPath, TomcatServletWebServerFactory factory) {
		factory.setAddress(java.net.InetAddress.getLoopbackAddress());
		new TomcatFastPathCustomizer(fastPath).customize(factory);
		WebServer server = factory.getWebServer(HelloServlet.onRoot());
		server.start();
		return server;
	}

	private static SocketRecord onlyRecord(FastPathEngine fastPath) {
		List<SocketRecord> records = fastPath.registry().records();
		assertThat(records).hasSize(1);
		return records.get(0);
	}

	private static List<String> acceptorThreads(int port) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.map(Thread::getName)
			.filter((name) -> name.endsWith("-" + port + "-Acceptor"))
			.toList();
	}

	static String get(int port) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build();
		return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

}
