package io.github.loopbackfastpath.unixdomain.server;

import java.nio.file.Path;

import io.github.loopbackfastpath.test.UnixDomainHttp;
import io.github.loopbackfastpath.unixdomain.SelfCallingApplications;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketShutdown}: a socket stops with its server and is published anew
 * when the context starts the server again (a {@code Lifecycle} stop and start, as a
 * checkpoint and restore does).
 */
@EnabledOnOs(value = { OS.LINUX, OS.MAC }, disabledReason = "AF_UNIX sockets of the JDK on a POSIX file system")
class SocketShutdownTests {

	@TempDir
	Path temp;

	@Test
	void aServerStoppedAndStartedAgainIsPublishedAgain() throws Exception {
		Path directory = this.temp.resolve("sockets");
		int fixed = TestSocketUtils.findAvailableTcpPort();
		// A fixed port, so that the server comes back on it and so does its socket's name
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
				SelfCallingApplications.Servlet.class)
			.run("--server.port=" + fixed, "--server.address=127.0.0.1",
					"--loopback.fast-path.unix-domain.enabled=true",
					"--loopback.fast-path.unix-domain.directory=" + directory)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			Path socket = directory.resolve(port + "@127.0.0.1.sock");
			assertThat(UnixDomainHttp.get(socket, "127.0.0.1:" + port, "/hello")).endsWith("hello");
			context.stop();
			assertThat(socket).doesNotExist();
			context.start();
			int restarted = ((WebServerApplicationContext) context).getWebServer().getPort();
			Path again = directory.resolve(restarted + "@127.0.0.1.sock");
			assertThat(UnixDomainHttp.get(again, "127.0.0.1:" + restarted, "/hello")).endsWith("hello");
			assertThat(context.getBean(SelfCallingApplications.Caller.class)
				.call("http://127.0.0.1:" + restarted + "/hello")).isEqualTo("hello");
		}
	}

}
