package io.github.loopbackfastpath.jdk;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.record.FastPathStatus;
import io.github.loopbackfastpath.record.LiveSocket;
import io.github.loopbackfastpath.record.SocketRecord;
import io.github.loopbackfastpath.record.SocketRegistry;
import io.github.loopbackfastpath.record.Stage;
import io.github.loopbackfastpath.test.SubstituteWindows;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs in a JVM without {@code --add-exports java.base/sun.nio.ch} (a surefire execution
 * of its own): the handle can't be reached and the record names the exact option to add.
 */
class HandleUnavailableWithoutExportsTests {

	@Test
	void withoutTheJvmOptionTheRecordIsHandleUnavailableAndNamesTheOption() throws Exception {
		ChannelHandles handles = ChannelHandles.detect();
		assertThat(handles.isAccessible()).isFalse();
		assertThat(handles.access()).contains("--add-exports java.base/sun.nio.ch=ALL-UNNAMED");
		FastPathEngine fastPath = new FastPathEngine(SubstituteWindows.accepting(), handles, new SocketRegistry(4),
				true, true);
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			SocketRecord record = fastPath
				.request(SocketRequest.listener("test", Stage.BEFORE_ACCEPT, LiveSocket.of(channel)), channel);
			assertThat(record.status()).isEqualTo(FastPathStatus.HANDLE_UNAVAILABLE);
			assertThat(record.outcome().handle()).isNull();
			assertThat(record.outcome().message()).contains("--add-exports java.base/sun.nio.ch=ALL-UNNAMED")
				.contains("Add-Exports: java.base/sun.nio.ch");
			assertThat(channel.isOpen()).isTrue();
		}
	}

}
