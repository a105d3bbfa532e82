package io.github.loopbackfastpath.unixdomain;

import java.nio.file.Path;

import io.github.loopbackfastpath.test.UnixDomainHttp;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each server tells the application about the client of an AF_UNIX request, as the
 * README says: address-based rules see these values.
 */
@EnabledOnOs(value = { OS.LINUX, OS.MAC }, disabledReason = "AF_UNIX sockets of the JDK on a POSIX file system")
class UnixDomainRemoteAddressTests {

	private static final String TOMCAT = "org.springframework.boot.tomcat.autoconfigure.";

	private static final String JETTY = "org.springframework.boot.jetty.autoconfigure.";

	@TempDir
	Path temp;

	@Test
	void tomcatReportsLoopbackWithPortZero() throws Exception {
		assertThat(remote(Servlet.class,
				"--spring.autoconfigure.exclude=" + JETTY + "servlet.JettyServletWebServerAutoConfiguration"))
			.isEqualTo("remoteAddr=127.0.0.1 remotePort=0 serverPort=PORT");
	}

	@Test
	void jettyReportsNoAddress() throws Exception {
		assertThat(remote(Servlet.class,
				"--spring.autoconfigure.exclude=" + TOMCAT + "servlet.TomcatServletWebServerAutoConfiguration"))
			.isEqualTo("remoteAddr= remotePort=-1 serverPort=PORT");
	}

	@Test
	void reactorNettyReportsNoAddress() throws Exception {
		assertThat(remote(Reactive.class, "--spring.main.web-application-type=reactive",
				"--spring.autoconfigure.exclude=" + TOMCAT + "reactive.TomcatReactiveWebServerAutoConfiguration,"
						+ JETTY + "reactive.JettyReactiveWebServerAutoConfiguration"))
			.isEqualTo("remoteAddress=null uri=http://127.0.0.1:PORT/remote");
	}

	private String remote(Class<?> application, String... arguments) throws Exception {
		Path directory = this.temp.resolve("sockets");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.properties("loopback.fast-path.unix-domain.enabled=true",
					"loopback.fast-path.unix-domain.directory=" + directory, "server.port=0",
					"server.address=127.0.0.1")
			.run(arguments)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String response = UnixDomainHttp.get(directory.resolve(port + "@127.0.0.1.sock"), "127.0.0.1:" + port,
					"/remote");
			return response.substring(response.lastIndexOf("\r\n\r\n") + 4).replace(String.valueOf(port), "PORT");
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class Servlet {

		@GetMapping("/remote")
		String remote(HttpServletRequest request) {
			return "remoteAddr=" + request.getRemoteAddr() + " remotePort=" + request.getRemotePort() + " serverPort="
					+ request.getServerPort();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class Reactive {

		@GetMapping("/remote")
		String remote(ServerHttpRequest request) {
			return "remoteAddress=" + request.getRemoteAddress() + " uri=" + request.getURI();
		}

	}

}
