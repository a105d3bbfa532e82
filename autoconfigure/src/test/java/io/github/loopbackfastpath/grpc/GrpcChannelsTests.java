package io.github.loopbackfastpath.grpc;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.loopbackfastpath.test.EchoGrpc;
import io.github.loopbackfastpath.test.TestApplication;
import io.github.loopbackfastpath.unixdomain.server.PublishedSocket;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every channel Spring Boot's gRPC channel factory builds goes over the published socket:
 * named channels ({@code spring.grpc.client.channel.<name>.target}), the default channel
 * and {@code createChannel} with a target, four fresh channels each, with the ioctl off
 * and on (its wrapper and the same-host mode's composed by {@link GrpcChannels}).
 */
@EnabledOnOs(value = { OS.LINUX, OS.MAC }, disabledReason = "AF_UNIX sockets of the JDK on a POSIX file system")
class GrpcChannelsTests {

	@TempDir
	Path temp;

	@ParameterizedTest(name = "{0} with the ioctl {1}")
	@CsvSource({ "local, false", "local, true", "default, false", "default, true", "target, false", "target, true" })
	void fourFreshChannelsGoOverTheSocket(String channel, boolean ioctl) throws Exception {
		int grpcPort = TestSocketUtils.findAvailableTcpPort();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class,
				GrpcWebIntegrationTests.EchoService.class)
			.run("--loopback.fast-path.enabled=" + ioctl, "--loopback.fast-path.unix-domain.enabled=true",
					"--loopback.fast-path.unix-domain.directory=" + this.temp.resolve("sockets"), "--server.port=0",
					"--spring.grpc.server.port=" + grpcPort,
					"--spring.grpc.client.channel.local.target=static://127.0.0.1:" + grpcPort,
					"--spring.grpc.client.channel.default.target=static://localhost:" + grpcPort)) {
			GrpcChannelFactory channels = context.getBean(GrpcChannelFactory.class);
			PublishedSocket socket = context.getBean(SocketPublisher.class).published().get(grpcPort);
			long before = socket.acceptedConnections();
			String name = channel.equals("target") ? "static://127.0.0.1:" + grpcPort : channel;
			for (int i = 0; i < 4; i++) {
				ManagedChannel fresh = channels.createChannel(name);
				try {
					assertThat(EchoGrpc.echo(fresh, "fresh " + i)).isEqualTo("fresh " + i);
				}
				finally {
					fresh.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
				}
			}
			assertThat(socket.acceptedConnections() - before).isEqualTo(4);
			assertThat(context.getBean(GrpcChannels.class).target(name))
				.isEqualTo(List.of("static://127.0.0.1:" + grpcPort, "static://localhost:" + grpcPort)
					.get(channel.equals("default") ? 1 : 0));
		}
	}

}
