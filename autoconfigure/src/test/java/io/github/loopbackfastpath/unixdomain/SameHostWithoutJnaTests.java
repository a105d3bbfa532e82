package io.github.loopbackfastpath.unixdomain;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import io.github.loopbackfastpath.test.Http;
import io.github.loopbackfastpath.test.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The same-host mode on a classpath without JNA (the {@code without-jna} execution), with
 * the ioctl off: Tomcat publishes its socket, WebClient and RestClient calls go over it,
 * and the endpoint shows the records, says once why the ioctl backed off, and says on the
 * published socket that its callers carry names only.
 */
@EnabledOnOs(value = { OS.LINUX, OS.MAC }, disabledReason = "AF_UNIX sockets of the JDK on a POSIX file system")
class SameHostWithoutJnaTests {

	@Test
	void theModeWorksWithoutJna(@TempDir Path temp) throws Exception {
		assertThatExceptionOfType(ClassNotFoundException.class).as("this execution has no JNA")
			.isThrownBy(() -> Class.forName("com.sun.jna.Native"));
		Path directory = temp.resolve("sockets");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--loopback.fast-path.unix-domain.enabled=true",
				"--loopback.fast-path.unix-domain.directory=" + directory,
				"--management.endpoints.web.exposure.include=loopbackfastpath,health",
				"--management.endpoint.health.show-details=always")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String url = "http://127.0.0.1:" + port + "/hello";
			assertThat(context.getBean(WebClient.Builder.class)
				.build()
				.get()
				.uri(url)
				.retrieve()
				.bodyToMono(String.class)
				.block()).isEqualTo("hello");
			assertThat(context.getBean(RestClient.Builder.class).build().get().uri(url).retrieve().body(String.class))
				.isEqualTo("hello");
			DocumentContext report = Http.json("http://127.0.0.1:" + port + "/actuator/loopbackfastpath");
			assertThat(report.read("$.ioctl", String.class)).contains("backed off").contains("net.java.dev.jna:jna");
			List<Map<String, Object>> clients = report.read("$.sockets[?(@.role == 'CLIENT')]");
			assertThat(clients).extracting((client) -> client.get("component"))
				.contains("reactor-netty-client", "httpclient5");
			assertThat(clients).allSatisfy((client) -> assertThat(client).containsEntry("transport", "UNIX_DOMAIN")
				.containsEntry("path", directory.resolve(port + "@127.0.0.1.sock").toString()));
			// The callers' names, without their numeric ids: said on the published socket
			assertThat(report.read("$.unixDomain.published[0].identityLimitation", String.class))
				.startsWith("JNA is not on the class path")
				.contains("net.java.dev.jna:jna");
			DocumentContext health = Http.json("http://127.0.0.1:" + port + "/actuator/health");
			assertThat(health.read("$.components.loopbackFastPath.details.ioctl", String.class)).contains("backed off");
		}
	}

}
