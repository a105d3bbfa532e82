package io.github.loopbackfastpath.jdk;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import io.github.loopbackfastpath.platform.NativeHandle;
import io.github.loopbackfastpath.test.LinuxSockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChannelHandles} in a JVM started with
 * {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}, as the README says.
 */
@EnabledOnOs(OS.LINUX)
class ChannelHandlesTests {

	private final ChannelHandles handles = ChannelHandles.detect();

	@Test
	void usesTheExportedRoute() {
		assertThat(this.handles.isAccessible()).isTrue();
		assertThat(this.handles.access()).contains("SelChImpl.getFDVal()");
	}

	@Test
	void handleOfServerSocketChannelIsItsOsSocket() throws Exception {
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			NativeHandle handle = this.handles.lookup(channel);
			assertThat(handle.isAvailable()).isTrue();
			assertThat(LinuxSockets.localPort(handle.value()))
				.isEqualTo(((InetSocketAddress) channel.getLocalAddress()).getPort());
			assertThat(LinuxSockets.acceptConn(handle.value())).isEqualTo(1);
		}
	}

	@Test
	void handleOfSocketAdaptorIsReachedThroughItsChannel() throws Exception {
		try (SocketChannel channel = SocketChannel.open()) {
			NativeHandle handle = this.handles.lookup(channel.socket().getChannel());
			assertThat(handle.isAvailable()).isTrue();
			assertThat(LinuxSockets.isStreamSocket(handle.value())).isTrue();
			assertThat(LinuxSockets.localPort(handle.value())).isZero();
		}
	}

	@Test
	void closedChannelHasNoHandle() throws Exception {
		SocketChannel channel = SocketChannel.open();
		channel.close();
		assertThat(this.handles.lookup(channel).problem()).contains("closed");
	}

	@Test
	void channelThatIsNotASocketIsNamed() throws Exception {
		Pipe pipe = Pipe.open();
		try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
			NativeHandle handle = this.handles.lookup(new java.nio.channels.Channel() {
				@Override
				public boolean isOpen() {
					return true;
				}

				@Override
				public void close() {
				}
			});
			assertThat(handle.isAvailable()).isFalse();
			assertThat(handle.problem()).contains("not a JDK socket channel");
		}
	}

}
