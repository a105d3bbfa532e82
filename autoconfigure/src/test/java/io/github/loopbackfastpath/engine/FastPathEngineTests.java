package io.github.loopbackfastpath.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.platform.SocketPlatform;
import io.github.loopbackfastpath.platform.detect.SocketPlatforms;
import io.github.loopbackfastpath.platform.winsock.WsaError;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.LiveSocket;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.registry.Stage;
import io.github.loopbackfastpath.test.LinuxSockets;
import io.github.loopbackfastpath.test.SubstituteWindows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FastPathEngine} on real sockets, with the real platform of this OS and
 * with a substitute Windows at the Winsock boundary.
 */
class FastPathEngineTests {

	private final SocketRegistry registry = new SocketRegistry(16);

	@Test
	@EnabledOnOs({ OS.LINUX, OS.MAC })
	void onThisOsEverySocketIsUnsupportedPlatformAndLeftAlone() throws Exception {
		FastPathEngine fastPath = new FastPathEngine(SocketPlatforms.detect(), ChannelHandles.detect(), this.registry,
				true, true);
		try (ServerSocketChannel channel = boundListener()) {
			SocketRecord record = fastPath.request(listener(channel), channel);
			assertThat(record.status()).isEqualTo(FastPathStatus.UNSUPPORTED_PLATFORM);
			assertThat(record.outcome().message()).contains(System.getProperty("os.name")).contains("left unchanged");
			assertThat(record.outcome().errorCode()).isNull();
			assertThat(record.outcome().handle()).as("not read on the request's path").isNull();
			assertThat(record.handle()).as("read when asked for").isNotNull();
			assertThat(fastPath.verifyHandle(record)).isTrue();
			assertThat(fastPath.platformInfo().fastPathSupported()).isFalse();
			assertThat(fastPath.platformInfo().windowsBuild()).isNull();
		}
	}

	@Test
	@EnabledOnOs({ OS.LINUX, OS.MAC })
	void whereTheOsHasNoIoctlHowHandlesAreReachedIsFoundWhenOneIsFirstRead() throws Exception {
		AtomicInteger detections = new AtomicInteger();
		FastPathEngine fastPath = new FastPathEngine(SocketPlatforms.detect(), () -> {
			detections.incrementAndGet();
			return ChannelHandles.detect();
		}, this.registry, true, true, Safeguards.DEFAULTS, SettingNames.CONSTRUCTOR_ARGUMENTS);
		try (ServerSocketChannel channel = boundListener()) {
			SocketRecord record = fastPath.request(listener(channel), channel);
			assertThat(record.status()).isEqualTo(FastPathStatus.UNSUPPORTED_PLATFORM);
			assertThat(detections).as("not to record the socket").hasValue(0);
			assertThat(record.handle()).isNotNull();
			assertThat(detections).as("when the handle is read").hasValue(1);
		}
	}

	@Test
	void windowsThatAcceptsGivesAppliedWithTheRealListeningSocket() throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting();
		FastPathEngine fastPath = new FastPathEngine(windows, ChannelHandles.detect(), this.registry, true, true);
		try (ServerSocketChannel channel = boundListener()) {
			SocketRecord record = fastPath.request(listener(channel), channel);
			assertThat(record.status()).isEqualTo(FastPathStatus.APPLIED);
			assertThat(record.outcome().errorCode()).isNull();
			assertThat(record.outcome().message()).contains("does not prove");
			SubstituteWindows.Observation seen = windows.observations().get(0);
			assertThat(seen.handle()).isEqualTo(record.outcome().handle());
			assertThat(seen.streamSocket()).isTrue();
			assertThat(seen.localPort()).isEqualTo(((InetSocketAddress) channel.getLocalAddress()).getPort());
			assertThat(fastPath.verifyHandle(record)).isTrue();
		}
	}

	@Test
	void clientGetsTheFastPathBeforeConnect() throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting();
		FastPathEngine fastPath = new FastPathEngine(windows, ChannelHandles.detect(), this.registry, true, true);
		try (ServerSocketChannel server = boundListener(); SocketChannel client = SocketChannel.open()) {
			InetSocketAddress remote = (InetSocketAddress) server.getLocalAddress();
			SocketRecord record = fastPath.request(SocketRequest.client("test", LiveSocket.of(client), remote), client);
			client.connect(remote);
			assertThat(record.status()).isEqualTo(FastPathStatus.APPLIED);
			assertThat(record.outcome().stage()).isEqualTo(Stage.BEFORE_CONNECT);
			assertThat(windows.observations().get(0).peerNameErrno()).isEqualTo(LinuxSockets.ENOTCONN);
			assertThat(record.remoteAddress()).isEqualTo(remote);
			assertThat(record.loopbackPeer()).isTrue();
			assertThat(fastPath.verifyHandle(record)).isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(value = WsaError.class, names = "WSAEOPNOTSUPP", mode = EnumSource.Mode.EXCLUDE)
	void everyOtherWinsockErrorIsFailedWithItsCodeNameAndMeaning(WsaError error) throws Exception {
		FastPathEngine fastPath = new FastPathEngine(SubstituteWindows.answering(error.code()), ChannelHandles.detect(),
				this.registry, true, true);
		try (ServerSocketChannel channel = boundListener()) {
			SocketRecord record = fastPath.request(listener(channel), channel);
			assertThat(record.status()).isEqualTo(FastPathStatus.FAILED);
			assertThat(record.outcome().errorCode()).isEqualTo(error.code());
			assertThat(record.outcome().errorName()).isEqualTo(error.name());
			assertThat(record.outcome().message()).startsWith(error.message());
			assertThat(channel.isOpen()).isTrue();
		}
	}

	@Test
	void operationNotSupportedIsUnsupportedByTransport() throws Exception {
		FastPathEngine fastPath = new FastPathEngine(SubstituteWindows.answering(10045), ChannelHandles.detect(),
				this.registry, true, true);
		try (ServerSocketChannel channel = boundListener()) {
			SocketRecord record = fastPath.request(listener(channel), channel);
			assertThat(record.status()).isEqualTo(FastPathStatus.UNSUPPORTED_BY_TRANSPORT);
			assertThat(record.outcome().errorCode()).isEqualTo(10045);
			assertThat(record.outcome().errorName()).isEqualTo("WSAEOPNOTSUPP");
			assertThat(record.status().isFailure()).isFalse();
		}
	}

	@Test
	void undocumentedErrorIsFailedWithAGenericName() throws Exception {
		FastPathEngine fastPath = new FastPathEngine(SubstituteWindows.answering(10055), ChannelHandles.detect(),
				this.registry, true, true);
		try (ServerSocketChannel channel = boundListener()) {
			SocketRecord record = fastPath.request(listener(channel), channel);
			assertThat(record.status()).isEqualTo(FastPathStatus.FAILED);
			assertThat(record.outcome().errorName()).isEqualTo("WSA_ERROR_10055");
		}
	}

	@Test
	void ioctlThatThrowsIsFailedAndNeverEscapes() throws Exception {
		SocketPlatform broken = new ThrowingWindows();
		FastPathEngine fastPath = new FastPathEngine(broken, ChannelHandles.detect(), this.registry, true, true);
		try (ServerSocketChannel channel = boundListener()) {
			SocketRecord record = fastPath.request(listener(channel), channel);
			assertThat(record.status()).isEqualTo(FastPathStatus.FAILED);
			assertThat(record.outcome().errorCode()).isNull();
			assertThat(record.outcome().message()).contains("could not be called").contains("UnsatisfiedLinkError");
		}
	}

	@Test
	void failedHookIsRecordedAsSkippedWithTheFailure() {
		FastPathEngine fastPath = new FastPathEngine(SubstituteWindows.accepting(), ChannelHandles.detect(),
				this.registry, true, true);
		fastPath.hookFailed(SocketRole.CLIENT, "test", new IllegalStateException("boom"));
		assertThat(this.registry.records()).singleElement().satisfies((record) -> {
			assertThat(record.status()).isEqualTo(FastPathStatus.SKIPPED);
			assertThat(record.outcome().message()).contains("hook failed").contains("boom");
		});
	}

	@Test
	void disabledRoleLeavesTheSocketAloneAndSaysWhichProperty() throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting();
		FastPathEngine fastPath = new FastPathEngine(windows, ChannelHandles.detect(), this.registry, false, true);
		try (ServerSocketChannel channel = boundListener()) {
			SocketRecord record = fastPath.request(listener(channel), channel);
			assertThat(record.status()).isEqualTo(FastPathStatus.DISABLED);
			assertThat(record.outcome().message()).contains("(serverEnabled)");
			assertThat(windows.observations()).isEmpty();
		}
	}

	@Test
	void listenerCountsAcceptedConnectionsAndClosesIntoHistory() throws Exception {
		FastPathEngine fastPath = new FastPathEngine(SubstituteWindows.accepting(), ChannelHandles.detect(),
				this.registry, true, true);
		SocketRecord record;
		try (ServerSocketChannel channel = boundListener()) {
			record = fastPath.request(listener(channel), channel);
			record.connectionAccepted();
			record.connectionAccepted();
			assertThat(this.registry.records()).extracting(SocketRecord::isOpen).containsExactly(true);
		}
		assertThat(this.registry.records()).singleElement().satisfies((closed) -> {
			assertThat(closed.isOpen()).isFalse();
			assertThat(closed.closedAt()).isNotNull();
			assertThat(closed.acceptedConnections()).isEqualTo(2);
			assertThat(closed.localAddress()).isNotNull();
		});
		assertThat(fastPath.verifyHandle(record)).isNull();
	}

	private static ServerSocketChannel boundListener() throws Exception {
		ServerSocketChannel channel = ServerSocketChannel.open();
		channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		return channel;
	}

	private static SocketRequest listener(ServerSocketChannel channel) {
		return SocketRequest.listener("test", Stage.BEFORE_ACCEPT, LiveSocket.of(channel));
	}

	static final class ThrowingWindows implements SocketPlatform {

		@Override
		public String osName() {
			return "Windows";
		}

		@Override
		public String osVersion() {
			return "10.0";
		}

		@Override
		public Integer windowsBuild() {
			return 19045;
		}

		@Override
		public boolean supportsFastPath() {
			return true;
		}

		@Override
		public String nativeLibrary() {
			return "ws2_32";
		}

		@Override
		public int enableLoopbackFastPath(long handle) {
			throw new UnsatisfiedLinkError("Error looking up function 'WSAIoctl'");
		}

		@Override
		public int localPort(long handle) {
			return -1;
		}

	}

}
