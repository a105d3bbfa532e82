package io.github.loopbackfastpath.grpc;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import io.github.loopbackfastpath.test.EchoGrpc;
import io.github.loopbackfastpath.test.TestApplication;
import io.github.loopbackfastpath.test.UnixSockets;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.grpc.client.GrpcChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The same-host mode's gRPC channels where the socket is not the plain case: a channel on
 * NIO, a TLS channel (stays on TCP), a socket file nobody listens on and a socket that
 * refuses the connection (the connection goes over TCP itself). The same application as
 * {@link GrpcUnixDomainTests}, so that both share one context. Real servers, channels and
 * sockets.
 */
@EnabledOnOs(value = { OS.LINUX, OS.MAC }, disabledReason = "AF_UNIX sockets of the JDK on a POSIX file system")
@SpringBootTest(classes = {
		TestApplication.class, GrpcWebIntegrationTests.EchoService.class, GrpcUnixDomainTests.Authorities.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "loopback.fast-path.unix-domain.enabled=true",
				"loopback.fast-path.unix-domain.directory=/tmp/lfp-it-grpc", "spring.grpc.server.port=0",
				"server.address=127.0.0.1", "management.endpoints.web.exposure.include=loopbackfastpath" })
class GrpcUnixDomainChannelFallbackTests {

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

	private final List<ManagedChannel> channels = new ArrayList<>();

	@AfterEach
	void shutDownChannels() throws InterruptedException {
		for (ManagedChannel channel : this.channels) {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void aChannelOnNioConnectsOverAfUnixToo() throws Exception {
		int grpcPort = this.echo.port.get();
		Path socket = DIRECTORY.resolve(grpcPort + ".sock");
		int before = unixDomainClients(socket).size();
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		ManagedChannel channel = routedOnNio(grpcPort, group);
		try {
			assertThat(EchoGrpc.echo(channel, "on NIO")).isEqualTo("on NIO");
			assertThat(unixDomainClients(socket)).hasSize(before + 1);
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		}
	}

	@Test
	@EnabledOnOs(value = OS.LINUX, disabledReason = "ss and /proc/sys/net/core are Linux's")
	void aRoutedConnectionOnNioAsksForTheBufferSizeToo() throws Exception {
		int grpcPort = this.echo.port.get();
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		ManagedChannel channel = routedOnNio(grpcPort, group);
		try {
			assertThat(EchoGrpc.echo(channel, "buffers on NIO")).isEqualTo("buffers on NIO");
			long expected = UnixSockets.sendBufferFor(1024 * 1024);
			assertThat(UnixSockets.connectionsTo(DIRECTORY.resolve(grpcPort + ".sock"))).isNotEmpty()
				.contains(new UnixSockets.Connection(expected, expected));
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		}
	}

	// A channel on NIO event loops, which grpc-netty does not pick where epoll exists
	private ManagedChannel routedOnNio(int grpcPort, EventLoopGroup group) {
		NettyChannelBuilder builder = NettyChannelBuilder.forTarget("localhost:" + grpcPort)
			.channelType(NioSocketChannel.class)
			.eventLoopGroup(group)
			.usePlaintext();
		this.grpcChannels.customize("localhost:" + grpcPort, builder);
		ManagedChannel channel = builder.build();
		this.channels.add(channel);
		return channel;
	}

	@Test
	void aTlsChannelStaysOnTcp() throws Exception {
		int grpcPort = this.echo.port.get();
		Path socket = DIRECTORY.resolve(grpcPort + ".sock");
		long accepted = acceptedConnections(grpcPort);
		int before = unixDomainClients(socket).size();
		// TLS against the plaintext server: the handshake fails, over TCP
		NettyChannelBuilder builder = NettyChannelBuilder.forTarget("127.0.0.1:" + grpcPort).useTransportSecurity();
		this.grpcChannels.customize("127.0.0.1:" + grpcPort, builder);
		ManagedChannel channel = builder.build();
		this.channels.add(channel);
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> EchoGrpc.echo(channel, "TLS"));
		assertThat(unixDomainClients(socket)).hasSize(before);
		assertThat(acceptedConnections(grpcPort)).isEqualTo(accepted);
	}

	@Test
	void aSocketFileNobodyListensOnLeavesTheChannelOnTcp() throws Exception {
		Server tcpOnly = NettyServerBuilder.forPort(0).addService(new EchoGrpc()).build().start();
		Path stale = DIRECTORY.resolve(tcpOnly.getPort() + ".sock");
		try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			gone.bind(UnixDomainSocketAddress.of(stale));
		}
		try {
			assertThat(stale).exists();
			ManagedChannel channel = this.channelFactory.createChannel("127.0.0.1:" + tcpOnly.getPort());
			this.channels.add(channel);
			assertThat(EchoGrpc.echo(channel, "over TCP")).isEqualTo("over TCP");
			assertThat(unixDomainClients(stale)).isEmpty();
		}
		finally {
			tcpOnly.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			Files.deleteIfExists(stale);
		}
	}

	@Test
	void aConnectionTheAfUnixSocketRefusesGoesOverTcpItself() throws Exception {
		Server tcpOnly = NettyServerBuilder.forPort(0).addService(new EchoGrpc()).build().start();
		Path busy = DIRECTORY.resolve(tcpOnly.getPort() + ".sock");
		List<SocketChannel> waiting = new ArrayList<>();
		// Listening (so the router's checks pass) with a full backlog: a connect fails
		try (ServerSocketChannel full = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			full.bind(UnixDomainSocketAddress.of(busy), 1);
			// Judged (and trusted) while it still accepts connections
			assertThat(this.router.route("127.0.0.1", tcpOnly.getPort())).isEqualTo(busy);
			while (true) {
				SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
				client.configureBlocking(false);
				waiting.add(client);
				if (!connects(client, busy)) {
					break;
				}
			}
			ManagedChannel channel = this.channelFactory.createChannel("127.0.0.1:" + tcpOnly.getPort());
			this.channels.add(channel);
			assertThat(EchoGrpc.echo(channel, "over TCP")).isEqualTo("over TCP");
			assertThat(unixDomainClients(busy)).isEmpty();
		}
		finally {
			for (SocketChannel client : waiting) {
				client.close();
			}
			tcpOnly.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			Files.deleteIfExists(busy);
		}
	}

	private static boolean connects(SocketChannel client, Path socket) {
		try {
			return client.connect(UnixDomainSocketAddress.of(socket));
		}
		catch (IOException ex) {
			return false;
		}
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

}
