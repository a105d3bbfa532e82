package io.github.loopbackfastpath.report;

import java.nio.file.Path;

import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.test.SubstituteWindows;
import io.github.loopbackfastpath.test.TestApplication;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up log an operator reads: one line per listener, one summary line once ready,
 * one warning with the fix per distinct failure.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(OutputCaptureExtension.class)
class StartupReportTests {

	@Test
	void logsOneLinePerListenerAndOneSummary(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(SubstituteWindows.accepting(), "management.server.port=0",
				"management.server.address=127.0.0.1")) {
			assertThat(output)
				.containsOnlyOnce("Loopback fast path on Windows (substitute): listeners 2 APPLIED; clients none")
				.contains("; native sockets: sun.nio.ch exported");
			assertThat(output.toString()
				.lines()
				.filter((line) -> line.contains("Loopback fast path APPLIED for tomcat listener"))).hasSize(2);
		}
	}

	@Test
	void warnsOncePerDistinctFailureWithTheFix(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(SubstituteWindows.answering(10013))) {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			RestClient client = context.getBean(RestClient.Builder.class).build();
			for (int i = 0; i < 5; i++) {
				client.get()
					.uri("http://127.0.0.1:" + port + "/hello")
					.header("Connection", "close")
					.retrieve()
					.body(String.class);
			}
			assertThat(output.toString()
				.lines()
				.filter((line) -> line.contains("WARN")
						&& line.contains("Loopback fast path FAILED for httpclient5 client")))
				.hasSize(1);
			assertThat(output).containsOnlyOnce("Loopback fast path FAILED for tomcat listener")
				.contains("WSAEACCES 10013")
				.contains("Check that no security product or policy forbids socket ioctls");
		}
	}

	@Test
	@EnabledOnOs({ OS.LINUX, OS.MAC })
	void oneLineForBothModes(CapturedOutput output, @TempDir Path directory) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.properties("loopback.fast-path.enabled=true", "loopback.fast-path.unix-domain.enabled=true",
					"loopback.fast-path.unix-domain.directory=" + directory.resolve("sockets"), "server.port=0",
					"server.address=127.0.0.1")
			.run()) {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			assertThat(output.toString()
				.lines()
				.filter((line) -> line.contains("io.github.loopbackfastpath ")
						&& line.contains("Loopback fast path on ")))
				.singleElement(InstanceOfAssertFactories.STRING)
				.contains(": listeners 1 UNSUPPORTED_PLATFORM;")
				.contains("; same-host mode: published in " + directory.resolve("sockets") + ": tomcat on " + port
						+ "@127.0.0.1.sock");
		}
	}

	@Test
	void theSameHostModeOffWithItsReason() {
		SocketRegistry registry = new SocketRegistry(8);
		assertThat(new StartupReport(registry, null, () -> "This JVM cannot open AF_UNIX sockets.").summary())
			.isEqualTo("Loopback fast path same-host mode: off, This JVM cannot open AF_UNIX sockets.");
		assertThat(new StartupReport(registry, null, () -> null).summary())
			.isEqualTo("Loopback fast path same-host mode: published nothing");
	}

	private static ConfigurableApplicationContext start(SubstituteWindows windows, String... properties) {
		return new SpringApplicationBuilder(TestApplication.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("substituteWindows", windows))
			.properties("loopback.fast-path.enabled=true", "server.port=0", "server.address=127.0.0.1")
			.properties(properties)
			.run();
	}

}
