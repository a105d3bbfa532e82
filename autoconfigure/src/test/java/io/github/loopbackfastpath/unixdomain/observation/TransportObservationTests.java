package io.github.loopbackfastpath.unixdomain.observation;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import io.github.loopbackfastpath.test.Http;
import io.github.loopbackfastpath.test.UnixDomainHttp;
import io.github.loopbackfastpath.unixdomain.SelfCallingApplications.Reactive;
import io.github.loopbackfastpath.unixdomain.SelfCallingApplications.Servlet;
import io.github.loopbackfastpath.unixdomain.client.httpclient5.UnixDomainRouting;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code transport} key on {@code http.server.requests} and
 * {@code http.client.requests} with the same-host mode on: real servers (Tomcat and
 * Jetty, servlet and reactive, and Reactor Netty), requests over the published AF_UNIX
 * socket and over TCP, and Spring Boot's {@code RestClient} and {@code WebClient} calling
 * the application itself (routed) and a server that publishes no socket (TCP).
 */
@EnabledOnOs(value = { OS.LINUX, OS.MAC }, disabledReason = "AF_UNIX sockets of the JDK on a POSIX file system")
class TransportObservationTests {

	private static final String TOMCAT = "org.springframework.boot.tomcat.autoconfigure.";

	private static final String JETTY = "org.springframework.boot.jetty.autoconfigure.";

	private static final String NO_JETTY = JETTY + "servlet.JettyServletWebServerAutoConfiguration," + JETTY
			+ "reactive.JettyReactiveWebServerAutoConfiguration";

	private static final String NO_TOMCAT = TOMCAT + "servlet.TomcatServletWebServerAutoConfiguration," + TOMCAT
			+ "reactive.TomcatReactiveWebServerAutoConfiguration";

	@TempDir
	Path temp;

	private HttpServer tcpOnly;

	@BeforeEach
	void startServerWithoutSocket() throws Exception {
		this.tcpOnly = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.tcpOnly.createContext("/", (exchange) -> {
			byte[] body = "tcp only".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.tcpOnly.start();
	}

	@AfterEach
	void stopServerWithoutSocket() {
		this.tcpOnly.stop(0);
	}

	@Test
	void tomcat() throws Exception {
		assertTransportKeys(Servlet.class, "--spring.autoconfigure.exclude=" + NO_JETTY);
	}

	@Test
	void jetty() throws Exception {
		assertTransportKeys(Servlet.class, "--spring.autoconfigure.exclude=" + NO_TOMCAT);
	}

	@Test
	void reactorNetty() throws Exception {
		assertTransportKeys(Reactive.class, "--spring.main.web-application-type=reactive",
				"--spring.autoconfigure.exclude=" + NO_TOMCAT + "," + NO_JETTY);
	}

	@Test
	void tomcatUnderWebFlux() throws Exception {
		assertTransportKeys(Reactive.class, "--spring.main.web-application-type=reactive",
				"--spring.autoconfigure.exclude=" + NO_JETTY);
	}

	@Test
	void jettyUnderWebFlux() throws Exception {
		assertTransportKeys(Reactive.class, "--spring.main.web-application-type=reactive",
				"--spring.autoconfigure.exclude=" + NO_TOMCAT);
	}

	@Test
	void theJdkClientsExchangesCountAsTcp() throws Exception {
		Path directory = this.temp.resolve("sockets");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Servlet.class)
			.properties("loopback.fast-path.unix-domain.enabled=true",
					"loopback.fast-path.unix-domain.directory=" + directory, "server.port=0",
					"server.address=127.0.0.1", "spring.http.clients.imperative.factory=jdk")
			.run("--spring.autoconfigure.exclude=" + NO_JETTY)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(Http.get("http://127.0.0.1:" + port + "/call?port=" + port).body()).isEqualTo("hello");
			awaitCount(meters, "http.client.requests", "/hello", "TCP", 1);
			awaitCount(meters, "http.server.requests", "/hello", "TCP", 1);
		}
	}

	@Test
	void noKeyWhenTheModeIsOff() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Servlet.class)
			.properties("loopback.fast-path.enabled=true", "server.port=0", "server.address=127.0.0.1")
			.run("--spring.autoconfigure.exclude=" + NO_JETTY)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			Http.get("http://127.0.0.1:" + port + "/hello");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(meters.find("http.server.requests").tag("uri", "/hello").timers())
					.singleElement()
					.satisfies((timer) -> assertThat(timer.getId().getTag(TransportObservationFilter.KEY)).isNull()));
		}
	}

	private void assertTransportKeys(Class<?> application, String... arguments) throws Exception {
		Path directory = this.temp.resolve("sockets");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.properties("loopback.fast-path.unix-domain.enabled=true",
					"loopback.fast-path.unix-domain.directory=" + directory, "server.port=0",
					"server.address=127.0.0.1")
			.run(arguments)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			// One request over the published socket, one over TCP, from clients outside
			String overSocket = UnixDomainHttp.get(directory.resolve(port + "@127.0.0.1.sock"), "127.0.0.1:" + port,
					"/hello");
			assertThat(overSocket).endsWith("hello");
			assertThat(Http.get("http://127.0.0.1:" + port + "/hello").body()).isEqualTo("hello");
			awaitCount(meters, "http.server.requests", "/hello", "UNIX_DOMAIN", 1);
			awaitCount(meters, "http.server.requests", "/hello", "TCP", 1);
			// The application's own client: to itself (routed), to a server without a
			// socket
			String answers = Http.get("http://127.0.0.1:" + port + "/call?port=" + port).body();
			assertThat(answers).isEqualTo("hello");
			String other = Http.get("http://127.0.0.1:" + port + "/call?port=" + this.tcpOnly.getAddress().getPort())
				.body();
			assertThat(other).isEqualTo("tcp only");
			if (application == Reactive.class || UnixDomainRouting.isSupported()) {
				awaitCount(meters, "http.server.requests", "/hello", "UNIX_DOMAIN", 2);
				awaitCount(meters, "http.client.requests", "/hello", "UNIX_DOMAIN", 1);
				awaitCount(meters, "http.client.requests", "/hello", "TCP", 1);
			}
			else {
				// An HttpClient 5 without the hook the mode needs (Spring Boot 4.0's)
				// stays on
				// TCP, and says so
				awaitCount(meters, "http.server.requests", "/hello", "TCP", 2);
				awaitCount(meters, "http.client.requests", "/hello", "TCP", 2);
			}
			assertThat(meters.find("http.server.requests").tag("uri", "/hello").timers())
				.allSatisfy((timer) -> assertThat(timer.getId().getTag(TransportObservationFilter.KEY)).isNotNull());
		}
	}

	private static void awaitCount(MeterRegistry meters, String name, String uri, String transport, long count) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String seen = name + " " + uri + " " + transport + " among "
					+ meters.find(name)
						.timers()
						.stream()
						.map((timer) -> timer.getId().getTags() + "=" + timer.count())
						.toList();
			Timer timer = meters.find(name).tag("uri", uri).tag(TransportObservationFilter.KEY, transport).timer();
			assertThat(timer).as(seen).isNotNull();
			assertThat(timer.count()).as(seen).isEqualTo(count);
		});
	}

}
