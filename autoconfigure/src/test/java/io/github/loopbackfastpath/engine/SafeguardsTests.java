package io.github.loopbackfastpath.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Set;

import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.LiveSocket;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.Stage;
import io.github.loopbackfastpath.test.SubstituteWindows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Windows build deny list, with a substitute build number.
 */
class SafeguardsTests {

	@ParameterizedTest
	@ValueSource(ints = { 17134, 14393 })
	void knownUnsafeBuildsGetNoIoctl(int build) throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting().onBuild(build);
		SocketRecord record = request(
				new FastPathEngine(windows, ChannelHandles.detect(), new SocketRegistry(4), true, true));
		assertThat(record.status()).isEqualTo(FastPathStatus.SKIPPED);
		assertThat(record.outcome().message()).contains("build " + build)
			.contains("blue screens")
			.contains(SettingNames.CONSTRUCTOR_ARGUMENTS.unsafeBuildOverride());
		assertThat(windows.observations()).isEmpty();
	}

	@Test
	void explicitOverrideRequestsItAnyway() throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting().onBuild(17134);
		SocketRecord record = request(new FastPathEngine(windows, ChannelHandles.detect(), new SocketRegistry(4), true,
				true, new Safeguards(UnsafeBuild.builds(), true), SettingNames.CONSTRUCTOR_ARGUMENTS));
		assertThat(record.status()).isEqualTo(FastPathStatus.APPLIED);
		assertThat(windows.observations()).hasSize(1);
	}

	@Test
	void operatorsOwnListReplacesTheDefaults() throws Exception {
		FastPathEngine fastPath = new FastPathEngine(SubstituteWindows.accepting().onBuild(19045),
				ChannelHandles.detect(), new SocketRegistry(4), true, true, new Safeguards(Set.of(19045), false),
				SettingNames.CONSTRUCTOR_ARGUMENTS);
		assertThat(request(fastPath).status()).isEqualTo(FastPathStatus.SKIPPED);
		assertThat(fastPath.platformInfo().unsafeBuild()).isTrue();
		FastPathEngine defaults = new FastPathEngine(SubstituteWindows.accepting().onBuild(19045),
				ChannelHandles.detect(), new SocketRegistry(4), true, true);
		assertThat(request(defaults).status()).isEqualTo(FastPathStatus.APPLIED);
		assertThat(defaults.platformInfo().unsafeBuilds()).containsExactly(14393, 17134);
	}

	private static SocketRecord request(FastPathEngine fastPath) throws Exception {
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			return fastPath.request(SocketRequest.listener("test", Stage.BEFORE_ACCEPT, LiveSocket.of(channel)),
					channel);
		}
	}

}
