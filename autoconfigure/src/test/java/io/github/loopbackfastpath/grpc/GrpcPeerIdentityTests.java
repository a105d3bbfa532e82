package io.github.loopbackfastpath.grpc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.security.auth.module.UnixSystem;
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
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every gRPC call that came over the published socket carries its caller's identity in
 * the call's context ({@link GrpcPeerIdentity}); one over TCP carries none. Callers: the
 * application's own channel from Spring Boot's channel factory (routed over the socket),
 * a plain TCP channel, and Python's {@code grpcio}, with the ioctl off and on.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "SO_PEERCRED with the process id")
class GrpcPeerIdentityTests {

	static final MethodDescriptor<String, String> WHO = EchoGrpc.ECHO.toBuilder()
		.setFullMethodName(MethodDescriptor.generateFullMethodName("test.Who", "Who"))
		.build();

	@TempDir
	Path temp;

	@ParameterizedTest(name = "ioctl on: {0}")
	@ValueSource(booleans = { false, true })
	void callsOverTheSocketCarryTheCallersIdentityAndTcpCallsNone(boolean ioctl) throws Exception {
		Path directory = this.temp.resolve("sockets");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WhoApplication.class)
			.properties("spring.grpc.server.port=0", "server.port=0", "loopback.fast-path.enabled=" + ioctl,
					"loopback.fast-path.unix-domain.enabled=true",
					"loopback.fast-path.unix-domain.directory=" + directory)
			.run()) {
			int grpcPort = context.getBean(WhoApplication.class).port.get();
			UnixSystem self = new UnixSystem();
			String me = self.getUsername() + " " + self.getUid() + " " + groupName() + " " + self.getGid() + " ";
			ManagedChannel routed = context.getBean(GrpcChannelFactory.class).createChannel("127.0.0.1:" + grpcPort);
			ManagedChannel tcp = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
			try {
				assertThat(who(routed)).as("the application's own channel, over the socket")
					.isEqualTo(me + ProcessHandle.current().pid());
				assertThat(who(tcp)).as("over TCP").isEqualTo("none");
			}
			finally {
				routed.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
				tcp.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			}
			PublishedSocket socket = context.getBean(SocketPublisher.class).published().get(grpcPort);
			assertThat(pythonWho(socket.path())).as("grpcio over the socket").startsWith(me);
			assertThat(socket.peerUsers().counts()).isEqualTo(Map.of(self.getUsername(), 2L));
		}
	}

	private static String who(ManagedChannel channel) {
		return ClientCalls.blockingUnaryCall(channel, WHO, CallOptions.DEFAULT, "who");
	}

	// Python's answer ends with its own process id, which the server saw
	static String pythonWho(Path socket) throws Exception {
		String script = """
				import grpc, os, sys
				channel = grpc.insecure_channel("unix:" + sys.argv[1])
				who = channel.unary_unary("/test.Who/Who")
				answer = who(b"who", timeout=30).decode()
				print(answer if answer.endswith(" " + str(os.getpid())) else "not my pid: " + answer)
				""";
		String output = Grpcio.run(script, socket.toString());
		assertThat(output).doesNotStartWith("not my pid");
		return output;
	}

	// The group of this process, named by the JDK: /proc/<pid> belongs to it
	static String groupName() throws Exception {
		return Files
			.readAttributes(Path.of("/proc", Long.toString(ProcessHandle.current().pid())), PosixFileAttributes.class)
			.group()
			.getName();
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
					response.onNext((peer != null)
							? peer.user() + " " + peer.uid() + " " + peer.group() + " " + peer.gid() + " " + peer.pid()
							: "none");
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
