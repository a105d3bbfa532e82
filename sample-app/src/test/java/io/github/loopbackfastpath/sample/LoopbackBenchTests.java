package io.github.loopbackfastpath.sample;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.platform.SocketPlatform;
import io.github.loopbackfastpath.record.FastPathStatus;
import io.github.loopbackfastpath.record.SocketRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench mode on a small workload: every workload runs in both modes over real
 * loopback sockets, the fast path is requested on both ends in one mode only, and the
 * report says what happened to those sockets. Numbers are printed, never asserted.
 */
class LoopbackBenchTests {

	@Test
	void comparesBothModesAndReportsTheSocketStatuses() throws Exception {
		FastPathEngine fastPath = new FastPathEngine(SocketPlatform.detect(), ChannelHandles.detect(),
				new SocketRegistry(16), true, true);
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		Map<String, LoopbackBench.Result[]> results = new LoopbackBench(fastPath,
				new LoopbackBench.Settings(2, 50, 2, 10), new PrintStream(output, true, StandardCharsets.UTF_8))
			.run();
		assertThat(results).containsOnlyKeys("small (128 B)", "bulk (1 MiB)", "connection");
		assertThat(results.get("small (128 B)")[0].operations()).isEqualTo(100);
		assertThat(results.get("bulk (1 MiB)")[1].bytes()).isEqualTo(2L * 1024 * 1024 * 2 * 2);
		assertThat(results.get("connection")[0].histogram().getTotalCount()).isEqualTo(20);
		// Listener and client of each fast-path round: 2 rounds x (2 + 2 + (1 + 10))
		assertThat(fastPath.registry().totals().get(FastPathStatus.UNSUPPORTED_PLATFORM)).isEqualTo(2 * (2 + 2 + 11));
		String report = output.toString(StandardCharsets.UTF_8);
		assertThat(report).contains("small (128 B)")
			.contains("fast path")
			.contains("vs off")
			.contains("UNSUPPORTED_PLATFORM");
	}

}
