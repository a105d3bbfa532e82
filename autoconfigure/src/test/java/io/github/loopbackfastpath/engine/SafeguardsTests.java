package io.github.loopbackfastpath.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Set;

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
		SocketRecord record = request(new LoopbackFastPath(windows, NativeHandles.detect(), new SocketRegistry(4),
				true, true));
		assertThat(record.status()).isEqualTo(FastPathStatus.SKIPPED);
		assertThat(record.message()).contains("build " + build)
			.contains("blue screens")
			.contains("loopback.fast-path.allow-unsafe-build=true");
		assertThat(windows.observations()).isEmpty();
	}

	@Test
	void explicitOverrideRequestsItAnyway() throws Exception {
		SubstituteWindows windows = SubstituteWindows.accepting().onBuild(17134);
		SocketRecord record = request(new LoopbackFastPath(windows, NativeHandles.detect(), new SocketRegistry(4),
				true, true, new Safeguards(Safeguards.KNOWN_UNSAFE_BUILDS, true)));
		assertThat(record.status()).isEqualTo(FastPathStatus.APPLIED);
		assertThat(windows.observations()).hasSize(1);
	}

	@Test
	void operatorsOwnListReplacesTheDefaults() throws Exception {
		LoopbackFastPath fastPath = new LoopbackFastPath(SubstituteWindows.accepting().onBuild(19045),
				NativeHandles.detect(), new SocketRegistry(4), true, true, new Safeguards(Set.of(19045), false));
		assertThat(request(fastPath).status()).isEqualTo(FastPathStatus.SKIPPED);
		assertThat(fastPath.platformInfo().unsafeBuild()).isTrue();
		LoopbackFastPath defaults = new LoopbackFastPath(SubstituteWindows.accepting().onBuild(19045),
				NativeHandles.detect(), new SocketRegistry(4), true, true);
		assertThat(request(defaults).status()).isEqualTo(FastPathStatus.APPLIED);
		assertThat(defaults.platformInfo().unsafeBuilds()).containsExactly(14393, 17134);
	}

	private static SocketRecord request(LoopbackFastPath fastPath) throws Exception {
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			return fastPath.request(SocketRequest.listener("test", Stage.BEFORE_ACCEPT, LiveSocket.of(channel)),
					channel);
		}
	}

}
