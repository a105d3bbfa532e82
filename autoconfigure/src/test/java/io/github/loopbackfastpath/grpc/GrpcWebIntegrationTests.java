package io.github.loopbackfastpath.grpc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.DocumentContext;
import io.github.loopbackfastpath.test.EchoGrpc;
import io.github.loopbackfastpath.test.Http;
import io.github.loopbackfastpath.test.TestApplication;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with Spring Boot's gRPC server (one service, on grpc-netty) beside
 * Tomcat, calling itself through channels from Spring Boot's {@link GrpcChannelFactory}:
 * the gRPC listener and every connection of every channel are on the endpoint, read over
 * HTTP.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Asserts UNSUPPORTED_PLATFORM with handles verified through libc")
@SpringBootTest(classes = { TestApplication.class, GrpcWebIntegrationTests.EchoService.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "loopback.fast-path.enabled=true",
				"server.address=127.0.0.1", "management.endpoints.web.exposure.include=loopbackfastpath" })
class GrpcWebIntegrationTests {

	private static final int GRPC_PORT = TestSocketUtils.findAvailableTcpPort();

	@DynamicPropertySource
	static void grpc(DynamicPropertyRegistry properties) {
		properties.add("spring.grpc.server.port", () -> GRPC_PORT);
		properties.add("spring.grpc.client.channel.echo.target", () -> "static://127.0.0.1:" + GRPC_PORT);
	}

	@LocalServerPort
	int port;

	@Autowired
	GrpcChannelFactory channels;

	@Autowired
	EchoService echo;

	@Test
	void grpcListenerAndOneClientRecordPerNewChannelAreOnTheEndpoint() throws Exception {
		int grpcPort = this.echo.port.get();
		assertThat(grpcPort).isEqualTo(GRPC_PORT);
		// A named channel from spring.grpc.client.channel.echo, and two the application
		// creates
		List<String> targets = List.of("echo", "127.0.0.1:" + grpcPort, "static://localhost:" + grpcPort);
		for (String target : targets) {
			ManagedChannel channel = this.channels.createChannel(target);
			assertThat(EchoGrpc.echo(channel, target)).isEqualTo(target);
		}
		DocumentContext report = Http.json("http://127.0.0.1:" + this.port + "/actuator/loopbackfastpath");
		List<Map<String, Object>> listeners = report.read("$.sockets[?(@.component == 'grpc')]");
		assertThat(listeners).singleElement().satisfies((listener) -> {
			assertThat(listener).containsEntry("role", "LISTENER")
				.containsEntry("stage", "BEFORE_BIND")
				.containsEntry("status", "UNSUPPORTED_PLATFORM")
				.containsEntry("handleVerified", true);
			assertThat((String) listener.get("localAddress")).endsWith(":" + grpcPort);
			assertThat(((Number) listener.get("acceptedConnections")).intValue()).isEqualTo(targets.size());
		});
		List<Map<String, Object>> clients = report.read("$.sockets[?(@.component == 'grpc-client')]");
		assertThat(clients).hasSize(targets.size()).allSatisfy((client) -> {
			assertThat(client).containsEntry("role", "CLIENT")
				.containsEntry("stage", "BEFORE_CONNECT")
				.containsEntry("status", "UNSUPPORTED_PLATFORM")
				.containsEntry("loopbackPeer", true)
				.containsEntry("handleVerified", true);
			assertThat((String) client.get("remoteAddress")).endsWith(":" + grpcPort);
		});
		// grpc-inprocess is on this classpath, so Spring Boot also builds an in-process
		// channel factory
		assertThat(report.read("$.notCovered", Map.class)).containsOnlyKeys("grpc-in-process");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class EchoService implements ApplicationListener<GrpcServerStartedEvent> {

		final AtomicInteger port = new AtomicInteger();

		@Bean
		EchoGrpc echoGrpc() {
			return new EchoGrpc();
		}

		@Override
		public void onApplicationEvent(GrpcServerStartedEvent event) {
			this.port.set(event.getPort());
		}

	}

}
