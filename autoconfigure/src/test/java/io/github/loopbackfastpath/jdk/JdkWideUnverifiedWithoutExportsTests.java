package io.github.loopbackfastpath.jdk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code sun.nio.ch} opened, the JDK-wide mode cannot read the value the JDK
 * uses, and says so instead of claiming success.
 */
class JdkWideUnverifiedWithoutExportsTests {

	@Test
	void jdkWideModeThatCannotBeVerifiedSaysSo() {
		JdkFastLoopback.Outcome outcome = JdkFastLoopback.enable();
		assertThat(outcome.state()).isEqualTo(JdkFastLoopback.State.SET_UNVERIFIED);
		assertThat(outcome.detail()).contains("--add-opens java.base/sun.nio.ch=ALL-UNNAMED");
		assertThat(System.getProperty(JdkFastLoopback.PROPERTY)).isEqualTo("true");
		assertThat(JdkFastLoopback.enable().state()).as("a second call leaves the property alone")
			.isEqualTo(JdkFastLoopback.State.ALREADY_SET);
	}

}
