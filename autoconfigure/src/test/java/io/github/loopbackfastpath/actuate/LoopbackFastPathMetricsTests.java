package io.github.loopbackfastpath.actuate;

import java.time.Instant;

import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.SocketOutcome;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.registry.Transport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoopbackFastPathMetrics}: every outcome counter carries the socket's
 * transport.
 */
class LoopbackFastPathMetricsTests {

	@Test
	void countersAreTaggedWithTheTransport() {
		SocketRegistry sockets = new SocketRegistry(4);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		new LoopbackFastPathMetrics(sockets).bindTo(meters);
		sockets.register(outcome(Transport.TCP, FastPathStatus.UNSUPPORTED_PLATFORM, null), null, null, null);
		sockets.register(outcome(Transport.UNIX_DOMAIN, FastPathStatus.NOT_APPLICABLE, "/run/user/1/8080.sock"), null,
				null, null);
		sockets.register(outcome(Transport.UNIX_DOMAIN, FastPathStatus.NOT_APPLICABLE, "/run/user/1/8080.sock"), null,
				null, null);
		assertThat(
				meters.get(LoopbackFastPathMetrics.SOCKETS).tag("transport", "UNIX_DOMAIN").functionCounter().count())
			.isEqualTo(2);
		assertThat(meters.get(LoopbackFastPathMetrics.SOCKETS).tag("transport", "TCP").functionCounter().count())
			.isEqualTo(1);
	}

	private static SocketOutcome outcome(Transport transport, FastPathStatus status, @Nullable String path) {
		return new SocketOutcome(SocketRole.CLIENT, "reactor-netty-client", null, status, null, null, null, "test",
				Instant.now(), transport, path);
	}

}
