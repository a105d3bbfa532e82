package io.github.loopbackfastpath.registry;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.test.SubstituteWindows;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SocketRegistry} with real sockets coming and going.
 */
class SocketRegistryTests {

	@Test
	void keepsOpenSocketsAndABoundedHistoryHoweverManyConnectionsComeAndGo() throws Exception {
		SocketRegistry registry = new SocketRegistry(10);
		FastPathEngine fastPath = new FastPathEngine(SubstituteWindows.accepting(), ChannelHandles.detect(), registry,
				true, true);
		try (ServerSocketChannel server = ServerSocketChannel.open()) {
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
			try (SocketChannel kept = SocketChannel.open()) {
				fastPath.request(SocketRequest.client("kept", LiveSocket.of(kept), address), kept);
				kept.connect(address);
				for (int i = 0; i < 1000; i++) {
					try (SocketChannel client = SocketChannel.open()) {
						fastPath.request(SocketRequest.client("churn", LiveSocket.of(client), address), client);
						client.connect(address);
						server.accept().close();
					}
					assertThat(registry.size()).as("kept open + history + closed sockets not swept yet")
						.isLessThanOrEqualTo(1 + 10 + 64 + 1);
				}
				assertThat(registry.records()).hasSize(11);
				assertThat(registry.openCount()).isEqualTo(1);
				assertThat(registry.records().get(0).outcome().component()).isEqualTo("kept");
				assertThat(registry.totals().get(FastPathStatus.APPLIED)).isEqualTo(1001);
			}
		}
	}

	@Test
	void findsRecordsThatAreOpenOrInHistory() throws Exception {
		SocketRegistry registry = new SocketRegistry(1);
		FastPathEngine fastPath = new FastPathEngine(SubstituteWindows.accepting(), ChannelHandles.detect(), registry,
				true, true);
		SocketRecord first;
		SocketRecord second;
		try (SocketChannel one = SocketChannel.open(); SocketChannel two = SocketChannel.open()) {
			first = fastPath.request(SocketRequest.client("one", LiveSocket.of(one), null), one);
			second = fastPath.request(SocketRequest.client("two", LiveSocket.of(two), null), two);
			assertThat(registry.find(first.id())).contains(first);
		}
		registry.sweep();
		assertThat(registry.find(second.id()).isPresent() ^ registry.find(first.id()).isPresent()).isTrue();
		assertThat(registry.find(12345)).isEmpty();
	}

	@Test
	void zeroHistoryKeepsOnlyOpenSockets() throws Exception {
		SocketRegistry registry = new SocketRegistry(0);
		FastPathEngine fastPath = new FastPathEngine(SubstituteWindows.accepting(), ChannelHandles.detect(), registry,
				true, true);
		try (SocketChannel one = SocketChannel.open()) {
			fastPath.request(SocketRequest.client("one", LiveSocket.of(one), null), one);
			assertThat(registry.records()).hasSize(1);
		}
		assertThat(registry.records()).isEmpty();
	}

	@Test
	void negativeHistorySizeIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SocketRegistry(-1)).withMessageContaining("-1");
	}

}
