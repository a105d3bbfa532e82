package io.github.loopbackfastpath.unixdomain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.github.loopbackfastpath.unixdomain.SelfCallingApplications.Caller;
import io.github.loopbackfastpath.unixdomain.server.PublishedSocket;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.FilteredHostException;
import org.springframework.boot.http.client.InetAddressFilter;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The same-host mode changes the transport and nothing else: a request goes over a
 * published socket only to the listener TCP would reach, and Spring Boot's
 * {@link InetAddressFilter} decides for it as for the TCP request. Real Tomcat and
 * Reactor Netty servers, every client the mode routes (RestClient on HttpClient 5 and on
 * Jetty's client, WebClient on Reactor Netty and on Jetty's client), the ioctl off and
 * on.
 */
class SameHostGuardsTests {

	@TempDir
	Path temp;

	static List<Arguments> clientsWithTheIoctlOffAndOn() {
		List<Arguments> arguments = new ArrayList<>();
		for (Client client : Client.values()) {
			for (boolean ioctl : new boolean[] { false, true }) {
				arguments.add(Arguments.of(client, ioctl));
			}
		}
		return arguments;
	}

	@ParameterizedTest(name = "{0}, ioctl {1}")
	@MethodSource("clientsWithTheIoctlOffAndOn")
	void aListenerBoundToOneAddressNeverAnswersACallTcpDeliversToAnotherServer(Client client, boolean ioctl)
			throws Exception {
		// The other server first, on a port free on 127.0.0.1; nothing else binds
		// 127.0.0.2,
		// so the application gets the same port there (the other way round, the port the
		// application was given on 127.0.0.2 could be taken on 127.0.0.1)
		DisposableServer other = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> response.sendString(Mono.just("other")))
			.bindNow();
		try (ConfigurableApplicationContext context = start(client, ioctl, "server.address=127.0.0.2",
				"server.port=" + other.port())) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(port).isEqualTo(other.port());
			Caller caller = context.getBean(Caller.class);
			PublishedSocket socket = context.getBean(SocketPublisher.class).published().get(port);
			assertThat(socket.path().getFileName()).hasToString(port + "@127.0.0.2.sock");
			assertThat(caller.call("http://127.0.0.1:" + port + "/hello")).isEqualTo("other");
			assertThat(socket.acceptedConnections()).isZero();
			assertThat(caller.call("http://127.0.0.2:" + port + "/hello")).isEqualTo("hello");
			assertThat(socket.acceptedConnections()).isPositive();
		}
		finally {
			other.disposeNow();
		}
	}

	@ParameterizedTest(name = "{0}, ioctl {1}")
	@MethodSource("clientsWithTheIoctlOffAndOn")
	void anInetAddressFilterRefusesARoutedRequestAsItRefusesTheTcpOneAndTheSocketIsNeverTouched(Client client,
			boolean ioctl) throws Exception {
		// The control, answered over the socket without the guard, is the test above
		Map<Boolean, List<String>> failures = new HashMap<>();
		for (boolean mode : new boolean[] { false, true }) {
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(client.application,
					ExternalAddressesOnly.class)
				.run(arguments(client, ioctl, "server.address=127.0.0.1",
						"loopback.fast-path.unix-domain.enabled=" + mode))) {
				int port = ((WebServerApplicationContext) context).getWebServer().getPort();
				Throwable failure = catchThrowable(
						() -> context.getBean(Caller.class).call("http://127.0.0.1:" + port + "/hello"));
				failures.put(mode,
						Stream.iterate(failure, Objects::nonNull, Throwable::getCause)
							.map((cause) -> cause.getClass().getName())
							.toList());
				if (mode) {
					assertThat(context.getBean(SocketPublisher.class).published().get(port).acceptedConnections())
						.isZero();
				}
			}
		}
		assertThat(failures.get(false)).contains(FilteredHostException.class.getName());
		assertThat(failures.get(true)).as("the same failure as on TCP").isEqualTo(failures.get(false));
	}

	private ConfigurableApplicationContext start(Client client, boolean ioctl, String... more) {
		List<String> properties = new ArrayList<>(List.of(more));
		properties.add("loopback.fast-path.unix-domain.enabled=true");
		return new SpringApplicationBuilder(client.application)
			.run(arguments(client, ioctl, properties.toArray(String[]::new)));
	}

	// As command-line arguments, ahead of the tests' application.properties
	private String[] arguments(Client client, boolean ioctl, String... more) {
		List<String> properties = new ArrayList<>(List.of("loopback.fast-path.enabled=" + ioctl,
				"loopback.fast-path.unix-domain.directory=" + this.temp.resolve("sockets"), "server.port=0"));
		properties.addAll(client.properties);
		if (Arrays.stream(more).anyMatch((property) -> property.startsWith("server.port="))) {
			properties.remove("server.port=0");
		}
		properties.addAll(List.of(more));
		return properties.stream().map((property) -> "--" + property).toArray(String[]::new);
	}

	enum Client {

		RESTCLIENT_ON_HTTPCLIENT5(SelfCallingApplications.Servlet.class,
				"spring.http.clients.imperative.factory=http-components"),

		RESTCLIENT_ON_JETTY(SelfCallingApplications.Servlet.class, "spring.http.clients.imperative.factory=jetty"),

		WEBCLIENT_ON_REACTOR_NETTY(SelfCallingApplications.Reactive.class,
				"spring.http.clients.reactive.connector=reactor", "spring.main.web-application-type=reactive",
				Client.ON_REACTOR_NETTY),

		WEBCLIENT_ON_JETTY(SelfCallingApplications.Reactive.class, "spring.http.clients.reactive.connector=jetty",
				"spring.main.web-application-type=reactive", Client.ON_REACTOR_NETTY);

		private static final String ON_REACTOR_NETTY = "spring.autoconfigure.exclude="
				+ "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration,"
				+ "org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration";

		private final Class<?> application;

		private final List<String> properties;

		Client(Class<?> application, String... properties) {
			this.application = application;
			this.properties = List.of(properties);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ExternalAddressesOnly {

		@Bean
		InetAddressFilter externalAddressesOnly() {
			return InetAddressFilter.externalAddresses();
		}

	}

}
