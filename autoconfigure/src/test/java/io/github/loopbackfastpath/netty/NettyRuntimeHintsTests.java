package io.github.loopbackfastpath.netty;

import io.netty.channel.nio.AbstractNioChannel;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NettyRuntimeHints}.
 */
class NettyRuntimeHintsTests {

	@Test
	void registersJavaChannel() {
		RuntimeHints hints = new RuntimeHints();
		new NettyRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(AbstractNioChannel.class, NettyChannels.JAVA_CHANNEL_METHOD)).accepts(hints);
	}

}
