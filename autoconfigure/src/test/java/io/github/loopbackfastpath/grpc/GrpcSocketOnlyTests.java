package io.github.loopbackfastpath.grpc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.security.auth.module.UnixSystem;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.test.EchoGrpc;
import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import io.github.loopbackfastpath.unixdomain.server.PublishedSocket;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import io.github.loopbackfastpath.unixdomain.server.grpc.GrpcPeerIdentity;
import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code loopback.fast-path.unix-domain.socket-only=grpc}: Spring Boot's gRPC server
 * listens on its AF_UNIX socket only, with the ioctl off and on: {@code ss} finds no TCP
 * listener on {@code spring.grpc.server.port}; the application's own named channel to
 * {@code 127.0.0.1:<port>} and Python's {@code grpcio} are answered over the socket, each
 * seen as itself; the web server keeps TCP. A server on Spring Boot's own domain socket
 * is left as it is, and the endpoint says why.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "ss, SO_PEERCRED with the process id")
class GrpcSocketOnlyTests {

	private static final MethodDescriptor<String, String> WHO = EchoGrpc.ECHO.toBuilder()
		.setFullMethodName(MethodDescriptor.generateFullMethodName("test.Who", "Who"))
		.build();

	@TempDir
	Path temp;

	@ParameterizedTest(name = "ioctl on: {0}")
	@ValueSource(booleans = { false, true })
	void theGrpcServerListensOnItsSocketOnly(boolean ioctl) throws Exception {
		int grpcPort = freePort();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WhoApplication.class)
			.properties("spring.grpc.server.port=" + grpcPort, "server.port=0", "loopback.fast-path.enabled=" + ioctl,
					"spring.grpc.client.channel.who.target=static://127.0.0.1:" + grpcPort,
					"loopback.fast-path.unix-domain.enabled=true", "loopback.fast-path.unix-domain.socket-only=grpc",
					"loopback.fast-path.unix-domain.directory=" + this.temp.resolve("sockets"))
			.run()) {
			assertThat(context.getBean(WhoApplication.class).port.get()).as("Spring gRPC's port: none").isEqualTo(-1);
			PublishedSocket socket = context.getBean(SocketPublisher.class).published().get(grpcPort);
			assertThat(socket.isSocketOnly()).isTrue();
			assertThat(socket.path()).isEqualTo(this.temp.resolve("sockets").resolve(grpcPort + ".sock"));
			assertThat(tcpListeners(grpcPort)).as("TCP listeners on the gRPC port").isEmpty();
			int webPort = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(tcpListeners(webPort)).as("the web server keeps TCP").isNotEmpty();
			String me = new UnixSystem().getUsername() + " ";
			ManagedChannel channel = context.getBean(GrpcChannelFactory.class).createChannel("who");
			try {
				assertThat(ClientCalls.blockingUnaryCall(channel, WHO, CallOptions.DEFAULT, "who"))
					.as("the application's own named channel")
					.isEqualTo(me + ProcessHandle.current().pid());
			}
			finally {
				channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			}
			String script = """
					import grpc, os, sys
					channel = grpc.insecure_channel("unix:" + sys.argv[1])
					who = channel.unary_unary("/test.Who/Who")
					answer = who(b"who", timeout=30).decode()
					print(answer if answer.endswith(" " + str(os.getpid())) else "not my pid: " + answer)
					""";
			assertThat(Grpcio.run(script, socket.path().toString())).as("grpcio over the socket").startsWith(me);
		}
	}

	@Test
	void aServerOnSpringBootsOwnDomainSocketIsLeftAsItIs() throws Exception {
		Path own = this.temp.resolve("boot-grpc.sock");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WhoApplication.class)
			.properties("spring.grpc.server.netty.transport=domain-socket",
					"spring.grpc.server.netty.domain-socket-path=" + own, "server.port=0",
					"loopback.fast-path.unix-domain.enabled=true", "loopback.fast-path.unix-domain.socket-only=grpc",
					"loopback.fast-path.unix-domain.directory=" + this.temp.resolve("sockets"))
			.run()) {
			List<SocketRecord> records = context.getBean(SocketRegistry.class).records();
			assertThat(records).anySatisfy((record) -> assertThat(record.outcome().message())
				.contains("Spring Boot's own domain socket " + own)
				.contains("leaves it as it is"));
			assertThat(context.getBean(SocketPublisher.class).published().values())
				.noneMatch((socket) -> socket.component().equals("grpc"));
		}
	}

	private static List<String> tcpListeners(int port) throws Exception {
		Process ss = new ProcessBuilder("ss", "-Htln", "sport = :" + port).redirectErrorStream(true).start();
		String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(ss.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(ss.exitValue()).isZero();
		return output.lines().filter((line) -> !line.isBlank()).toList();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * A gRPC service that says who called, from the call's context.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class WhoApplication implements ApplicationListener<GrpcServerStartedEvent> {

		final AtomicInteger port = new AtomicInteger();

		@Bean
		BindableService whoService() {
			return () -> ServerServiceDefinition.builder("test.Who")
				.addMethod(WHO, ServerCalls.asyncUnaryCall((request, response) -> {
					PeerIdentity peer = GrpcPeerIdentity.current();
					response.onNext((peer != null) ? peer.user() + " " + peer.pid() : "none");
					response.onCompleted();
				}))
				.build();
		}

		@Override
		public void onApplicationEvent(GrpcServerStartedEvent event) {
			this.port.set(event.getPort());
		}

	}

}
