package io.github.loopbackfastpath.grpc;

import io.github.loopbackfastpath.test.TestApplication;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.ServerBuilderCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gRPC server on the published socket has the settings of Spring Boot's TCP server:
 * {@code spring.grpc.server.inbound.message.max-size} and the application's
 * {@link ServerBuilderCustomizer}s. Python's {@code grpcio} calls both, over TCP and over
 * the socket, and is refused the same way on each.
 */
@EnabledOnOs(value = { OS.LINUX, OS.MAC }, disabledReason = "AF_UNIX sockets of the JDK on a POSIX file system")
@SpringBootTest(
		classes = { TestApplication.class, GrpcWebIntegrationTests.EchoService.class,
				GrpcUnixDomainSettingsTests.RefusingCustomizer.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "loopback.fast-path.unix-domain.enabled=true",
				"loopback.fast-path.unix-domain.directory=/tmp/lfp-it-grpc-settings", "spring.grpc.server.port=0",
				"spring.grpc.server.inbound.message.max-size=1KB", "server.address=127.0.0.1" })
class GrpcUnixDomainSettingsTests {

	private static final String SCRIPT = """
			import grpc, sys
			channel = grpc.insecure_channel(sys.argv[1])
			echo = channel.unary_unary("/test.Echo/Echo")
			metadata = [("refuse", "yes")] if sys.argv[3] == "refuse" else []
			try:
				print(len(echo(b"x" * int(sys.argv[2]), timeout=30, metadata=metadata)))
			except grpc.RpcError as error:
				print(error.code().name)
			""";

	@Autowired
	GrpcWebIntegrationTests.EchoService echo;

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "socket" })
	void aMessageOverTheConfiguredMaximumIsRefused(String transport) throws Exception {
		assertThat(python(target(transport), 64 * 1024, "")).isEqualTo("RESOURCE_EXHAUSTED");
		assertThat(python(target(transport), 512, "")).isEqualTo("512");
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "socket" })
	void theApplicationsServerBuilderCustomizersHold(String transport) throws Exception {
		assertThat(python(target(transport), 16, "refuse")).isEqualTo("PERMISSION_DENIED");
	}

	private String target(String transport) {
		int port = this.echo.port.get();
		return transport.equals("tcp") ? "127.0.0.1:" + port : "unix:/tmp/lfp-it-grpc-settings/" + port + ".sock";
	}

	private static String python(String target, int size, String mode) throws Exception {
		return Grpcio.run(SCRIPT, target, String.valueOf(size), mode.isEmpty() ? "-" : mode);
	}

	@Configuration(proxyBeanMethods = false)
	static class RefusingCustomizer {

		@Bean
		ServerBuilderCustomizer<NettyServerBuilder> refuseWhenAsked() {
			return (builder) -> builder.intercept(new ServerInterceptor() {

				@Override
				public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
						ServerCallHandler<Q, R> next) {
					if (headers.containsKey(Metadata.Key.of("refuse", Metadata.ASCII_STRING_MARSHALLER))) {
						call.close(Status.PERMISSION_DENIED, new Metadata());
						return new ServerCall.Listener<>() {
						};
					}
					return next.startCall(call, headers);
				}

			});
		}

	}

}
