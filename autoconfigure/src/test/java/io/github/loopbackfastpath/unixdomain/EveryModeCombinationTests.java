package io.github.loopbackfastpath.unixdomain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.Transport;
import io.github.loopbackfastpath.test.EchoGrpc;
import io.github.loopbackfastpath.unixdomain.server.PublishedSocket;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One matrix over every combination of the starter's modes (everything off, the ioctl,
 * the same-host mode, both), every server it hooks (Tomcat, Jetty, Reactor Netty, with
 * Spring Boot's gRPC server beside) and every client (RestClient on HttpClient 5, Jetty's
 * client, Reactor Netty and the JDK's client; WebClient on Reactor Netty and Jetty's
 * client; a gRPC channel): each call is answered, over the published socket exactly where
 * the same-host mode is on and the client is one it routes, so that no combination
 * regresses unnoticed.
 */
@EnabledOnOs(value = { OS.LINUX, OS.MAC }, disabledReason = "AF_UNIX sockets of the JDK on a POSIX file system")
class EveryModeCombinationTests {

	private static final String TOMCAT = "org.springframework.boot.tomcat.autoconfigure.";

	private static final String JETTY = "org.springframework.boot.jetty.autoconfigure.";

	@TempDir
	Path temp;

	static List<Arguments> combinations() {
		List<Arguments> combinations = new ArrayList<>();
		for (boolean ioctl : new boolean[] { false, true }) {
			for (boolean sameHost : new boolean[] { false, true }) {
				for (Server server : Server.values()) {
					for (Client client : server.clients) {
						combinations.add(Arguments.of(ioctl, sameHost, server, client));
					}
				}
			}
		}
		return combinations;
	}

	@ParameterizedTest(name = "ioctl {0}, same-host {1}: {3} -> {2}")
	@MethodSource("combinations")
	void everyCallIsAnsweredOverTheTransportItsModesSay(boolean ioctl, boolean sameHost, Server server, Client client)
			throws Exception {
		int grpcPort = TestSocketUtils.findAvailableTcpPort();
		List<String> arguments = new ArrayList<>(
				List.of("--loopback.fast-path.enabled=" + ioctl, "--loopback.fast-path.unix-domain.enabled=" + sameHost,
						"--loopback.fast-path.unix-domain.directory=" + this.temp.resolve("sockets"), "--server.port=0",
						"--server.address=127.0.0.1", "--spring.grpc.server.port=" + grpcPort));
		arguments.addAll(server.arguments);
		arguments.addAll(client.arguments);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(server.application, Echo.class)
			.run(arguments.toArray(String[]::new))) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			int listened = (client == Client.GRPC_CHANNEL) ? grpcPort : port;
			long before = accepted(context, listened);
			if (client == Client.GRPC_CHANNEL) {
				ManagedChannel channel = context.getBean(GrpcChannelFactory.class)
					.createChannel("static://127.0.0.1:" + grpcPort);
				try {
					assertThat(EchoGrpc.echo(channel, "hello")).isEqualTo("hello");
				}
				finally {
					channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
				}
			}
			else {
				assertThat(context.getBean(SelfCallingApplications.Caller.class)
					.call("http://127.0.0.1:" + port + "/hello")).isEqualTo("hello");
			}
			boolean routed = sameHost && client.routed;
			assertThat(accepted(context, listened) - before).as("connections over the published socket")
				.isEqualTo(routed ? 1 : 0);
			assertThat(context.getBean(SocketRegistry.class).records()).as("TCP sockets recorded by the ioctl")
				.matches((records) -> ioctl == records.stream()
					.anyMatch((record) -> record.outcome().transport() == Transport.TCP));
		}
	}

	// Connections accepted on the socket published for a port; none where none is
	private static long accepted(ConfigurableApplicationContext context, int port) {
		return context.getBeanProvider(SocketPublisher.class)
			.stream()
			.map((publisher) -> publisher.published().get(port))
			.filter((socket) -> socket != null)
			.mapToLong(PublishedSocket::acceptedConnections)
			.sum();
	}

	@Configuration(proxyBeanMethods = false)
	static class Echo {

		@Bean
		EchoGrpc echoGrpc() {
			return new EchoGrpc();
		}

	}

	enum Server {

		TOMCAT_SERVER(SelfCallingApplications.Servlet.class, List.of(), Client.SERVLET),

		JETTY_SERVER(SelfCallingApplications.Servlet.class,
				List.of("--spring.autoconfigure.exclude=" + TOMCAT + "servlet.TomcatServletWebServerAutoConfiguration"),
				Client.SERVLET),

		REACTOR_NETTY_SERVER(SelfCallingApplications.Reactive.class,
				List.of("--spring.main.web-application-type=reactive",
						"--spring.autoconfigure.exclude=" + TOMCAT
								+ "reactive.TomcatReactiveWebServerAutoConfiguration," + JETTY
								+ "reactive.JettyReactiveWebServerAutoConfiguration"),
				Client.REACTIVE);

		private final Class<?> application;

		private final List<String> arguments;

		private final List<Client> clients;

		Server(Class<?> application, List<String> arguments, List<Client> clients) {
			this.application = application;
			this.arguments = arguments;
			this.clients = clients;
		}

	}

	enum Client {

		RESTCLIENT_ON_HTTPCLIENT5(true, "--spring.http.clients.imperative.factory=http-components"),

		RESTCLIENT_ON_JETTY(true, "--spring.http.clients.imperative.factory=jetty"),

		RESTCLIENT_ON_REACTOR_NETTY(true, "--spring.http.clients.imperative.factory=reactor"),

		RESTCLIENT_ON_JDK(false, "--spring.http.clients.imperative.factory=jdk"),

		WEBCLIENT_ON_REACTOR_NETTY(true, "--spring.http.clients.reactive.connector=reactor"),

		WEBCLIENT_ON_JETTY(true, "--spring.http.clients.reactive.connector=jetty"),

		GRPC_CHANNEL(true);

		static final List<Client> SERVLET = List.of(RESTCLIENT_ON_HTTPCLIENT5, RESTCLIENT_ON_JETTY,
				RESTCLIENT_ON_REACTOR_NETTY, RESTCLIENT_ON_JDK, GRPC_CHANNEL);

		static final List<Client> REACTIVE = List.of(WEBCLIENT_ON_REACTOR_NETTY, WEBCLIENT_ON_JETTY);

		private final boolean routed;

		private final List<String> arguments;

		Client(boolean routed, String... arguments) {
			this.routed = routed;
			this.arguments = List.of(arguments);
		}

	}

}
