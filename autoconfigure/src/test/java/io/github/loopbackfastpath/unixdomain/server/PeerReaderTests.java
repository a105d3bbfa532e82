package io.github.loopbackfastpath.unixdomain.server;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PeerReader}: how the callers' file descriptors are reached is found
 * when first needed, once, not when the reader is made (at start-up).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "SO_PEERCRED with the process id")
class PeerReaderTests {

	@TempDir
	Path temp;

	@Test
	void theHandlesAreFoundOnTheFirstReadAndOnce() throws Exception {
		AtomicInteger detections = new AtomicInteger();
		PeerReader reader = new PeerReader(() -> {
			detections.incrementAndGet();
			return ChannelHandles.detect();
		}, true);
		assertThat(detections).hasValue(0);
		UnixDomainSocketAddress address = UnixDomainSocketAddress.of(this.temp.resolve("peer.sock"));
		try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			server.bind(address);
			for (int i = 0; i < 2; i++) {
				try (SocketChannel client = SocketChannel.open(address); SocketChannel accepted = server.accept()) {
					PeerIdentity peer = reader.read(accepted);
					assertThat(peer).isNotNull();
					assertThat(peer.pid()).isEqualTo(ProcessHandle.current().pid());
				}
			}
		}
		assertThat(detections).hasValue(1);
	}

}
