package io.github.loopbackfastpath.grpc;

import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import io.github.loopbackfastpath.test.EchoGrpc;
import io.github.loopbackfastpath.test.Http;
import io.github.loopbackfastpath.test.TestApplication;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same-host mode beside Spring Boot's gRPC server: the service is served on an
 * AF_UNIX socket named after the gRPC port, which a grpc-netty channel on Netty's NIO
 * domain socket channel calls.
 */
@EnabledOnOs(value = { OS.LINUX, OS.MAC }, disabledReason = "AF_UNIX sockets of the JDK on a POSIX file system")
@SpringBootTest(classes = { TestApplication.class, GrpcWebIntegrationTests.EchoService.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "loopback.fast-path.unix-domain.enabled=true",
				"loopback.fast-path.unix-domain.directory=/tmp/lfp-it-grpc", "spring.grpc.server.port=0",
				"server.address=127.0.0.1", "management.endpoints.web.exposure.include=loopbackfastpath" })
class GrpcUnixDomainTests {

	@LocalServerPort
	int port;

	@Autowired
	GrpcWebIntegrationTests.EchoService echo;

	@Test
	void theGrpcServiceIsServedOnTheAfUnixSocketNamedAfterItsPort() throws Exception {
		int grpcPort = this.echo.port.get();
		Path socket = Path.of("/tmp/lfp-it-grpc", grpcPort + ".sock");
		assertThat(socket).exists();
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
		DocumentContext report = Http.json("http://127.0.0.1:" + this.port + "/actuator/loopbackfastpath");
		List<Map<String, Object>> listeners = report
			.read("$.sockets[?(@.component == 'grpc' && @.transport == 'UNIX_DOMAIN')]");
		assertThat(listeners).singleElement().satisfies((listener) -> {
			assertThat(listener).containsEntry("path", socket.toString()).containsEntry("status", "NOT_APPLICABLE");
			assertThat(((Number) listener.get("acceptedConnections")).intValue()).isEqualTo(1);
		});
		List<Integer> published = report.read("$.unixDomain.published[?(@.component == 'grpc')].port");
		assertThat(published).containsExactly(grpcPort);
	}

}
