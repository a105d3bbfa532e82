package io.github.loopbackfastpath.grpc;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import io.github.loopbackfastpath.test.EchoGrpc;
import io.github.loopbackfastpath.test.Http;
import io.github.loopbackfastpath.test.TestApplication;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.grpc.client.GrpcChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's own domain-socket gRPC server ({@code spring.grpc.server.netty.transport:
 * domain-socket}, AF_UNIX instead of TCP, epoll only) with the ioctl on: recorded as what
 * it is, an AF_UNIX listener with its path and no ioctl, counting what it accepts; and a
 * channel the application points at a {@code unix:} target, an AF_UNIX client.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Spring Boot's domain-socket gRPC server runs on epoll only")
@SpringBootTest(classes = { TestApplication.class, GrpcWebIntegrationTests.EchoService.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "loopback.fast-path.enabled=true", "spring.grpc.server.netty.transport=domain-socket",
				"spring.grpc.server.netty.domain-socket-path=" + GrpcDomainSocketServerTests.SOCKET,
				"server.address=127.0.0.1", "management.endpoints.web.exposure.include=loopbackfastpath" })
class GrpcDomainSocketServerTests {

	static final String SOCKET = "/tmp/lfp-it-grpc-domain-socket.sock";

	@LocalServerPort
	int port;

	@Autowired
	GrpcChannelFactory channels;

	@Test
	void theDomainSocketServerIsRecordedAsAnAfUnixListenerWithoutTheIoctl() throws Exception {
		List<Number> acceptedBefore = Http.json("http://127.0.0.1:" + this.port + "/actuator/loopbackfastpath")
			.read("$.sockets[?(@.component == 'grpc')].acceptedConnections");
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
		ManagedChannel channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(SOCKET))
			.channelType(EpollDomainSocketChannel.class)
			.eventLoopGroup(group)
			.usePlaintext()
			.build();
		try {
			assertThat(EchoGrpc.echo(channel, "over Boot's own socket")).isEqualTo("over Boot's own socket");
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		}
		DocumentContext report = Http.json("http://127.0.0.1:" + this.port + "/actuator/loopbackfastpath");
		List<Map<String, Object>> listeners = report.read("$.sockets[?(@.component == 'grpc')]");
		assertThat(listeners).singleElement().satisfies((listener) -> {
			assertThat(listener).containsEntry("role", "LISTENER")
				.containsEntry("transport", "UNIX_DOMAIN")
				.containsEntry("path", Path.of(SOCKET).toString())
				.containsEntry("status", "NOT_APPLICABLE")
				.doesNotContainKey("handle");
			assertThat(((Number) listener.get("acceptedConnections")).intValue())
				.isEqualTo(acceptedBefore.get(0).intValue() + 1);
		});
	}

	@Test
	void aChannelToAUnixTargetIsRecordedAsAnAfUnixClient() throws Exception {
		ManagedChannel channel = this.channels.createChannel("unix:" + SOCKET);
		try {
			// Spring gRPC's unix: channels negotiate TLS by default: against this
			// plaintext
			// server the call fails, after the connection was made
			EchoGrpc.echo(channel, "unix target");
		}
		catch (StatusRuntimeException ex) {
			// The connection is what is recorded
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
		DocumentContext report = Http.json("http://127.0.0.1:" + this.port + "/actuator/loopbackfastpath");
		List<Map<String, Object>> clients = report.read("$.sockets[?(@.component == 'grpc-client')]");
		assertThat(clients).isNotEmpty()
			.allSatisfy((client) -> assertThat(client).containsEntry("transport", "UNIX_DOMAIN")
				.containsEntry("path", SOCKET)
				.containsEntry("status", "NOT_APPLICABLE")
				.doesNotContainKey("handle"));
	}

}
