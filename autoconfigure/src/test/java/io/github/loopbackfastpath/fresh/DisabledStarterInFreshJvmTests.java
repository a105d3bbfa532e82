package io.github.loopbackfastpath.fresh;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.test.Http;
import io.github.loopbackfastpath.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that leaves the fast path disabled gets the starter's beans and nothing
 * else: no native library is loaded (JNA sets {@code jna.loaded} when it loads its own)
 * and no socket is touched.
 */
class DisabledStarterInFreshJvmTests {

	@Test
	void disabledStarterLoadsNoNativeLibraryAndTouchesNoSocket() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1")
			.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(Http.get("http://127.0.0.1:" + port + "/hello").body()).isEqualTo("hello");
			FastPathEngine fastPath = context.getBean(FastPathEngine.class);
			assertThat(fastPath.registry().records()).isEmpty();
			assertThat(System.getProperty("jna.loaded")).as("JNA's native library loaded").isNull();
			assertThat(System.getProperty("jdk.net.useFastTcpLoopback")).isNull();
		}
	}

}
