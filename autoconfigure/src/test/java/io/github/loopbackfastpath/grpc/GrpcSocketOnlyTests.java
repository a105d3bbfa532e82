package io.github.loopbackfastpath.grpc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.security.auth.module.UnixSystem;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.test.Nginx;
import io.github.loopbackfastpath.unixdomain.server.PublishedSocket;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code loopback.fast-path.unix-domain.socket-only=grpc}: Spring Boot's gRPC server
 * listens on its AF_UNIX socket only, with the ioctl off and on: {@code ss} finds no TCP
 * listener on {@code spring.grpc.server.port}; the application's own named channel to
 * {@code 127.0.0.1:<port>} and Python's {@code grpcio} are answered over the socket, each
 * seen as itself, and nginx in front ({@code grpc_pass}, its workers as {@code www-data}
 * with {@code group: www-data}) seen as {@code www-data}; the web server keeps TCP. A
 * server on Spring Boot's own domain socket is left as it is, and the endpoint says why.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "ss, SO_PEERCRED with the process id, nginx")
class GrpcSocketOnlyTests {

	@BeforeAll
	static void rootAndTools() {
		boolean possible = "root".equals(System.getProperty("user.name"))
				&& Files.isExecutable(Path.of("/usr/sbin/nginx")) && Files.isExecutable(Path.of("/usr/bin/ss"));
		if (!possible && "true".equals(System.getenv("LOOPBACK_FAST_PATH_REQUIRE_ROOT_TESTS"))) {
			throw new IllegalStateException("These tests need root, nginx (nginx-light) and ss (iproute2)");
		}
		assumeTrue(possible, "root, nginx and ss");
	}

	@TempDir
	Path temp;

	@ParameterizedTest(name = "ioctl on: {0}")
	@ValueSource(booleans = { false, true })
	void theGrpcServerListensOnItsSocketOnly(boolean ioctl) throws Exception {
		int grpcPort = TestSocketUtils.findAvailableTcpPort();
		int nginxPort = TestSocketUtils.findAvailableTcpPort();
		// Behind nginx (grpc_pass), whose workers (www-data) are the group's
		Files.setPosixFilePermissions(this.temp, PosixFilePermissions.fromString("rwxr-xr-x"));
		try (Nginx nginx = Nginx.grpc(this.temp.resolve("nginx"), nginxPort,
				this.temp.resolve("sockets").resolve(grpcPort + ".sock"));
				ConfigurableApplicationContext context = new SpringApplicationBuilder(
						GrpcPeerIdentityTests.WhoApplication.class)
					.properties("spring.grpc.server.port=" + grpcPort, "server.port=0",
							"loopback.fast-path.enabled=" + ioctl,
							"spring.grpc.client.channel.who.target=static://127.0.0.1:" + grpcPort,
							"loopback.fast-path.unix-domain.enabled=true",
							"loopback.fast-path.unix-domain.socket-only=grpc",
							"loopback.fast-path.unix-domain.group=www-data",
							"loopback.fast-path.unix-domain.directory=" + this.temp.resolve("sockets"))
					.run()) {
			assertThat(context.getBean(GrpcPeerIdentityTests.WhoApplication.class).port.get())
				.as("Spring gRPC's port: none")
				.isEqualTo(-1);
			PublishedSocket socket = context.getBean(SocketPublisher.class).published().get(grpcPort);
			assertThat(socket.isSocketOnly()).isTrue();
			assertThat(socket.path()).isEqualTo(this.temp.resolve("sockets").resolve(grpcPort + ".sock"));
			assertThat(tcpListeners(grpcPort)).as("TCP listeners on the gRPC port").isEmpty();
			int webPort = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(tcpListeners(webPort)).as("the web server keeps TCP").isNotEmpty();
			UnixSystem self = new UnixSystem();
			String me = self.getUsername() + " " + self.getUid() + " " + GrpcPeerIdentityTests.groupName() + " "
					+ self.getGid() + " ";
			ManagedChannel channel = context.getBean(GrpcChannelFactory.class).createChannel("who");
			try {
				assertThat(
						ClientCalls.blockingUnaryCall(channel, GrpcPeerIdentityTests.WHO, CallOptions.DEFAULT, "who"))
					.as("the application's own named channel")
					.isEqualTo(me + ProcessHandle.current().pid());
			}
			finally {
				channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			}
			assertThat(GrpcPeerIdentityTests.pythonWho(socket.path())).as("grpcio over the socket").startsWith(me);
			ManagedChannel throughNginx = NettyChannelBuilder.forAddress("127.0.0.1", nginxPort).usePlaintext().build();
			try {
				assertThat(ClientCalls.blockingUnaryCall(throughNginx, GrpcPeerIdentityTests.WHO, CallOptions.DEFAULT,
						"who"))
					.as("through nginx, its workers")
					.startsWith("www-data ");
			}
			finally {
				throughNginx.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void aServerOnSpringBootsOwnDomainSocketIsLeftAsItIs() throws Exception {
		Path own = this.temp.resolve("boot-grpc.sock");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
				GrpcPeerIdentityTests.WhoApplication.class)
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

}
