package io.github.loopbackfastpath.grpc;

import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import io.github.loopbackfastpath.test.EchoGrpc;
import io.github.loopbackfastpath.test.TestApplication;
import io.github.loopbackfastpath.test.UnixSockets;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.grpc.ForwardingServerCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.server.GlobalServerInterceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same-host mode beside Spring Boot's gRPC server and on the channels of Spring
 * Boot's gRPC channel factory: the service is served on an AF_UNIX socket named after the
 * gRPC port (reached by grpc-netty on Netty's NIO domain socket channel and by Python's
 * {@code grpcio}), and channels to a loopback target connect over it, with the
 * {@code :authority} a TCP channel would send. Real servers, channels and sockets.
 */
@EnabledOnOs(value = { OS.LINUX, OS.MAC }, disabledReason = "AF_UNIX sockets of the JDK on a POSIX file system")
@SpringBootTest(classes = {
		TestApplication.class, GrpcWebIntegrationTests.EchoService.class, GrpcUnixDomainTests.Authorities.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "loopback.fast-path.unix-domain.enabled=true",
				"loopback.fast-path.unix-domain.directory=/tmp/lfp-it-grpc", "spring.grpc.server.port=0",
				"server.address=127.0.0.1", "management.endpoints.web.exposure.include=loopbackfastpath" })
class GrpcUnixDomainTests {

	private static final Path DIRECTORY = Path.of("/tmp/lfp-it-grpc");

	@LocalServerPort
	int port;

	@Autowired
	GrpcWebIntegrationTests.EchoService echo;

	@Autowired
	GrpcChannelFactory channelFactory;

	@Autowired
	GrpcChannels grpcChannels;

	@Autowired
	UnixDomainRouter router;

	@Autowired
	Authorities authorities;

	@Autowired
	MeterRegistry meters;

	private final List<ManagedChannel> channels = new ArrayList<>();

	@AfterEach
	void shutDownChannels() throws InterruptedException {
		for (ManagedChannel channel : this.channels) {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void theGrpcServiceIsServedOnTheAfUnixSocketNamedAfterItsPortForOwnerOnly() throws Exception {
		int grpcPort = this.echo.port.get();
		Path socket = DIRECTORY.resolve(grpcPort + ".sock");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
		long accepted = acceptedConnections(grpcPort);
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		ManagedChannel channel = NettyChannelBuilder.forAddress(UnixDomainSocketAddress.of(socket))
			.channelType(NioDomainSocketChannel.class)
			.eventLoopGroup(group)
			.usePlaintext()
			.build();
		try {
			assertThat(EchoGrpc.echo(channel, "over AF_UNIX")).isEqualTo("over AF_UNIX");
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		}
		DocumentContext report = report();
		List<Map<String, Object>> listeners = report
			.read("$.sockets[?(@.component == 'grpc' && @.transport == 'UNIX_DOMAIN')]");
		assertThat(listeners).singleElement()
			.satisfies((listener) -> assertThat(listener).containsEntry("path", socket.toString())
				.containsEntry("status", "NOT_APPLICABLE"));
		assertThat(acceptedConnections(grpcPort)).isEqualTo(accepted + 1);
		List<Integer> published = report.read("$.unixDomain.published[?(@.component == 'grpc')].port");
		assertThat(published).containsExactly(grpcPort);
	}

	@Test
	void everyFreshChannelToALoopbackTargetConnectsOverAfUnixWithTheAuthorityOfTcp() throws Exception {
		int grpcPort = this.echo.port.get();
		Path socket = DIRECTORY.resolve(grpcPort + ".sock");
		List<String> targets = List.of("static://127.0.0.1:" + grpcPort, "static://localhost:" + grpcPort,
				"static://[::1]:" + grpcPort, "127.0.0.1:" + grpcPort, "dns:///localhost:" + grpcPort);
		long accepted = acceptedConnections(grpcPort);
		int before = unixDomainClients(socket).size();
		for (String target : targets) {
			for (int i = 0; i < 4; i++) {
				ManagedChannel channel = this.channelFactory.createChannel(target);
				this.channels.add(channel);
				assertThat(EchoGrpc.echo(channel, target + " #" + i)).isEqualTo(target + " #" + i);
			}
		}
		assertThat(unixDomainClients(socket)).hasSize(before + 4 * targets.size());
		assertThat(acceptedConnections(grpcPort)).isEqualTo(accepted + 4 * targets.size());
		assertThat(this.authorities.seen)
			.contains("127.0.0.1:" + grpcPort, "localhost:" + grpcPort, "[::1]:" + grpcPort)
			.noneMatch((authority) -> authority.contains(".sock"));
	}

	@Test
	void theGrpcObservationsSayWhichTransportEachCallUsed() throws Exception {
		int grpcPort = this.echo.port.get();
		double serverOverSocket = count("grpc.server", "UNIX_DOMAIN");
		double serverOverTcp = count("grpc.server", "TCP");
		double clientOverSocket = count("grpc.client", "UNIX_DOMAIN");
		ManagedChannel routed = this.channelFactory.createChannel("static://localhost:" + grpcPort);
		this.channels.add(routed);
		assertThat(EchoGrpc.echo(routed, "routed")).isEqualTo("routed");
		// A channel built outside Spring: TCP, and no client observation
		ManagedChannel tcp = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
		this.channels.add(tcp);
		assertThat(EchoGrpc.echo(tcp, "tcp")).isEqualTo("tcp");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(count("grpc.client", "UNIX_DOMAIN")).isEqualTo(clientOverSocket + 1);
			assertThat(count("grpc.server", "UNIX_DOMAIN")).isEqualTo(serverOverSocket + 1);
			assertThat(count("grpc.server", "TCP")).isEqualTo(serverOverTcp + 1);
		});
		assertThat(this.meters.find("grpc.server").timers())
			.allSatisfy((timer) -> assertThat(timer.getId().getTag("transport")).isNotNull());
	}

	private double count(String name, String transport) {
		return this.meters.find(name).tag("transport", transport).timers().stream().mapToLong(Timer::count).sum();
	}

	@Test
	@EnabledOnOs(value = OS.LINUX, disabledReason = "ss and /proc/sys/net/core are Linux's")
	void bothEndsOfARoutedConnectionAskForTheBufferSize() throws Exception {
		int grpcPort = this.echo.port.get();
		ManagedChannel channel = this.channelFactory.createChannel("static://127.0.0.1:" + grpcPort);
		this.channels.add(channel);
		assertThat(EchoGrpc.echo(channel, "buffers")).isEqualTo("buffers");
		long expected = UnixSockets.sendBufferFor(1024 * 1024);
		assertThat(UnixSockets.connectionsTo(DIRECTORY.resolve(grpcPort + ".sock"))).isNotEmpty()
			.contains(new UnixSockets.Connection(expected, expected))
			.allSatisfy((connection) -> assertThat(connection.server()).isEqualTo(expected));
	}

	@Test
	void manyShortLivedChannelsStayBoundedInRecordsAndThreads() throws Exception {
		int grpcPort = this.echo.port.get();
		ManagedChannel warmUp = this.channelFactory.createChannel("127.0.0.1:" + grpcPort);
		EchoGrpc.echo(warmUp, "warm-up");
		warmUp.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		int threadsBefore = Thread.activeCount();
		for (int i = 0; i < 100; i++) {
			ManagedChannel channel = this.channelFactory.createChannel("127.0.0.1:" + grpcPort);
			assertThat(EchoGrpc.echo(channel, "#" + i)).isEqualTo("#" + i);
			assertThat(channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS)).isTrue();
		}
		DocumentContext report = report();
		List<Object> sockets = report.read("$.sockets[*]");
		List<Object> openClients = report
			.read("$.sockets[?(@.component == 'grpc-client' && @.transport == 'UNIX_DOMAIN' && @.open == true)]");
		// The registry keeps the open records and a bounded history (256 by default)
		assertThat(sockets).hasSizeLessThanOrEqualTo(256 + 16);
		assertThat(openClients).as("every channel was shut down").isEmpty();
		// No event loop group of its own per channel: grpc-netty's shared one, at most
		// its worker threads more
		assertThat(Thread.activeCount())
			.isLessThanOrEqualTo(threadsBefore + 2 * Runtime.getRuntime().availableProcessors());
	}

	@Test
	void aChannelTheApplicationPointsAtAUnixTargetIsRecorded() throws Exception {
		Path socket = DIRECTORY.resolve(this.echo.port.get() + ".sock");
		int before = unixDomainClients(socket).size();
		ManagedChannel channel = this.channelFactory.createChannel("unix:" + socket);
		this.channels.add(channel);
		try {
			// Spring gRPC's unix: channels negotiate TLS by default: against this
			// plaintext
			// server the call fails, after the connection was made
			EchoGrpc.echo(channel, "unix target");
		}
		catch (StatusRuntimeException ex) {
			// The connection is what is recorded
		}
		assertThat(unixDomainClients(socket)).hasSizeGreaterThan(before);
	}

	@Test
	void pythonsGrpcioCallsThePublishedSocket() throws Exception {
		Path socket = DIRECTORY.resolve(this.echo.port.get() + ".sock");
		String script = """
				import grpc, sys
				channel = grpc.insecure_channel("unix:" + sys.argv[1])
				echo = channel.unary_unary("/test.Echo/Echo")
				print(echo(b"from python", timeout=30).decode())
				""";
		assertThat(Grpcio.run(script, socket.toString())).isEqualTo("from python");
		assertThat(this.authorities.seen).as("grpcio's authority for a unix: target").contains("localhost");
	}

	private List<Map<String, Object>> unixDomainClients(Path socket) {
		return new UnixDomainReport(this.port, DIRECTORY).unixDomainClients(socket);
	}

	private long acceptedConnections(int grpcPort) {
		return new UnixDomainReport(this.port, DIRECTORY).acceptedConnections(grpcPort);
	}

	private DocumentContext report() {
		return new UnixDomainReport(this.port, DIRECTORY).read();
	}

	/**
	 * Every {@code :authority} the server sees.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Authorities {

		final Set<String> seen = ConcurrentHashMap.newKeySet();

		@Bean
		@GlobalServerInterceptor
		ServerInterceptor authorityRecorder() {
			return new ServerInterceptor() {

				@Override
				public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
						ServerCallHandler<Q, R> next) {
					String authority = call.getAuthority();
					if (authority != null) {
						Authorities.this.seen.add(authority);
					}
					return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
							next.startCall(call, headers)) {
					};
				}

			};
		}

	}

}
