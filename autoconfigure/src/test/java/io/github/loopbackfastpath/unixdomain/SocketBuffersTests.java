package io.github.loopbackfastpath.unixdomain;

import java.nio.file.Path;

import io.github.loopbackfastpath.test.UnixSockets;
import io.github.loopbackfastpath.test.UnixSockets.Connection;
import io.github.loopbackfastpath.unixdomain.SelfCallingApplications.Reactive;
import io.github.loopbackfastpath.unixdomain.SelfCallingApplications.Servlet;
import io.github.loopbackfastpath.unixdomain.client.httpclient5.UnixDomainRouting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The buffer size the same-host mode asks for on its AF_UNIX connections, as the kernel
 * reports it for both ends of each connection to a published socket ({@link UnixSockets},
 * iproute2's {@code ss}).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "ss and /proc/sys/net/core are Linux's")
class SocketBuffersTests {

	private static final String TOMCAT = "org.springframework.boot.tomcat.autoconfigure.";

	private static final String JETTY = "org.springframework.boot.jetty.autoconfigure.";

	private static final String NO_JETTY = "--spring.autoconfigure.exclude=" + JETTY
			+ "servlet.JettyServletWebServerAutoConfiguration";

	private static final String NO_TOMCAT = "--spring.autoconfigure.exclude=" + TOMCAT
			+ "servlet.TomcatServletWebServerAutoConfiguration";

	@TempDir
	Path temp;

	@Test
	void tomcatAndHttpClient5AskForTheSize() throws Exception {
		assumeTrue(UnixDomainRouting.isSupported(), "This HttpClient 5 has no hook for AF_UNIX (Spring Boot 4.0's)");
		assertBuffers(Servlet.class, "1MB", UnixSockets.sendBufferFor(1024 * 1024), NO_JETTY);
	}

	@Test
	void jettyAndJettysClientAskForTheSize() throws Exception {
		assertBuffers(Servlet.class, "1MB", UnixSockets.sendBufferFor(1024 * 1024), NO_TOMCAT,
				"--spring.http.clients.imperative.factory=jetty");
	}

	@Test
	void reactorNettyServerAndClientAskForTheSize() throws Exception {
		assertBuffers(Reactive.class, "1MB", UnixSockets.sendBufferFor(1024 * 1024),
				"--spring.main.web-application-type=reactive",
				"--spring.autoconfigure.exclude=" + TOMCAT + "reactive.TomcatReactiveWebServerAutoConfiguration,"
						+ JETTY + "reactive.JettyReactiveWebServerAutoConfiguration");
	}

	@Test
	void zeroLeavesTheOsDefault() throws Exception {
		assertBuffers(Servlet.class, "0", UnixSockets.defaultSendBuffer(), NO_JETTY,
				"--spring.http.clients.imperative.factory=reactor");
	}

	private void assertBuffers(Class<?> application, String size, long expected, String... arguments) throws Exception {
		Path directory = this.temp.resolve("sockets");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.properties("loopback.fast-path.unix-domain.enabled=true",
					"loopback.fast-path.unix-domain.directory=" + directory,
					"loopback.fast-path.unix-domain.buffer-size=" + size, "server.port=0", "server.address=127.0.0.1")
			.run(arguments)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			// The client keeps its connection in its pool, open while ss looks
			assertThat(
					context.getBean(SelfCallingApplications.Caller.class).call("http://127.0.0.1:" + port + "/hello"))
				.isEqualTo("hello");
			assertThat(UnixSockets.connectionsTo(directory.resolve(port + "@127.0.0.1.sock"))).isNotEmpty()
				.allSatisfy((connection) -> assertThat(connection).isEqualTo(new Connection(expected, expected)));
		}
	}

}
