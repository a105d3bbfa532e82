package io.github.loopbackfastpath.jdk;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.platform.NativeHandle;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.LiveSocket;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.Stage;
import io.github.loopbackfastpath.test.LinuxSockets;
import io.github.loopbackfastpath.test.SubstituteWindows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JNI route to a JDK channel's socket ({@code JNU_GetFieldByName} of the JDK's own
 * library), whatever the JVM options: the real route on real sockets, and each way it can
 * fail forced through the binding's seam (a symbol that is missing, a field that is
 * renamed). A failure leaves the socket alone and the record says why, with the JVM
 * option.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Proves handles through Linux libc")
class JniRouteTests {

	@Test
	void readsTheSocketOfServerAndClientChannels() throws Exception {
		ChannelHandles handles = ChannelHandles.jni(() -> JniFieldReader.bind(SunNioCh.FD_VAL));
		assertThat(handles.access()).startsWith("JNI:").endsWith("(bound on first use)");
		try (ServerSocketChannel server = listener(); SocketChannel client = SocketChannel.open()) {
			NativeHandle listening = handles.lookup(server);
			assertThat(LinuxSockets.localPort(listening.value())).isEqualTo(port(server));
			assertThat(LinuxSockets.acceptConn(listening.value())).isEqualTo(1);
			NativeHandle connecting = handles.lookup(client.socket().getChannel());
			assertThat(LinuxSockets.isStreamSocket(connecting.value())).isTrue();
			assertThat(LinuxSockets.peerNameErrno(connecting.value())).isEqualTo(LinuxSockets.ENOTCONN);
			client.connect(server.getLocalAddress());
			assertThat(LinuxSockets.peerNameErrno(connecting.value())).isZero();
		}
		assertThat(handles.access()).doesNotContain("first use");
		assertThat(handles.isAccessible()).isTrue();
	}

	@Test
	void missingSymbolLeavesTheSocketAloneAndNamesTheJvmOption() throws Exception {
		ChannelHandles handles = ChannelHandles
			.jni(() -> JniFieldReader.bind(JniFieldReader.jdkLibrary(), "JNU_GetFieldByNameThatIsNot", "fdVal"));
		SocketRecord record = requestThroughTheEngine(handles);
		assertThat(record.status()).isEqualTo(FastPathStatus.HANDLE_UNAVAILABLE);
		assertThat(record.outcome().message()).contains("JNU_GetFieldByNameThatIsNot")
			.contains("--add-exports java.base/sun.nio.ch=ALL-UNNAMED");
		assertThat(handles.isAccessible()).isFalse();
		assertThat(handles.access()).startsWith("unavailable: the JNI route failed")
			.contains("--add-exports java.base/sun.nio.ch=ALL-UNNAMED");
	}

	@Test
	void renamedFieldLeavesTheSocketAloneAndNamesTheJvmOption() throws Exception {
		ChannelHandles handles = ChannelHandles.jni(() -> JniFieldReader.bind("fdValRenamedInSomeJdk"));
		SocketRecord record = requestThroughTheEngine(handles);
		assertThat(record.status()).isEqualTo(FastPathStatus.HANDLE_UNAVAILABLE);
		assertThat(record.outcome().message()).contains("NoSuchFieldError")
			.contains("fdValRenamedInSomeJdk")
			.contains("--add-exports java.base/sun.nio.ch=ALL-UNNAMED");
	}

	@Test
	void bindingThatThrowsLeavesTheSocketAlone() throws Exception {
		ChannelHandles handles = ChannelHandles.jni(() -> {
			throw new IllegalStateException("no JNI here");
		});
		SocketRecord record = requestThroughTheEngine(handles);
		assertThat(record.status()).isEqualTo(FastPathStatus.HANDLE_UNAVAILABLE);
		assertThat(record.outcome().message()).contains("no JNI here");
	}

	/**
	 * Request the fast path for a listener on a substitute Windows that accepts, then
	 * show that the listener still accepts and serves.
	 */
	private static SocketRecord requestThroughTheEngine(ChannelHandles handles) throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting();
		FastPathEngine engine = new FastPathEngine(windows, handles, new SocketRegistry(4), true, true);
		try (ServerSocketChannel server = listener(); SocketChannel client = SocketChannel.open()) {
			SocketRecord record = engine
				.request(SocketRequest.listener("test", Stage.BEFORE_ACCEPT, LiveSocket.of(server)), server);
			assertThat(windows.observations()).as("no ioctl without a handle").isEmpty();
			client.connect(server.getLocalAddress());
			try (SocketChannel accepted = server.accept()) {
				client.write(ByteBuffer.wrap(new byte[] { 42 }));
				ByteBuffer received = ByteBuffer.allocate(1);
				accepted.read(received);
				assertThat(received.get(0)).isEqualTo((byte) 42);
			}
			return record;
		}
	}

	private static ServerSocketChannel listener() throws Exception {
		ServerSocketChannel channel = ServerSocketChannel.open();
		channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		return channel;
	}

	private static int port(ServerSocketChannel channel) throws Exception {
		return ((InetSocketAddress) channel.getLocalAddress()).getPort();
	}

}
