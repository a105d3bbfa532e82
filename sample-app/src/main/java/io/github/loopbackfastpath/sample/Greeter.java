package io.github.loopbackfastpath.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;

import org.springframework.stereotype.Component;

/**
 * A gRPC service written without generated code (no protoc step):
 * {@code sample.Greeter/Greet} answers a greeting for the name it is sent, as UTF-8 text.
 * Spring Boot serves it on its gRPC server because it is a {@link BindableService} bean.
 *
 * @author Loopback Fast Path contributors
 */
@Component
class Greeter implements BindableService {

	static final MethodDescriptor<String, String> GREET = MethodDescriptor.<String, String>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName(MethodDescriptor.generateFullMethodName("sample.Greeter", "Greet"))
		.setRequestMarshaller(Utf8.INSTANCE)
		.setResponseMarshaller(Utf8.INSTANCE)
		.build();

	@Override
	public ServerServiceDefinition bindService() {
		return ServerServiceDefinition.builder("sample.Greeter")
			.addMethod(GREET, ServerCalls.asyncUnaryCall((name, response) -> {
				response.onNext("Hello over gRPC, " + name);
				response.onCompleted();
			}))
			.build();
	}

	/**
	 * Call the service.
	 * @param channel a channel to the server
	 * @param name who to greet
	 * @return the greeting
	 */
	static String greet(Channel channel, String name) {
		return ClientCalls.blockingUnaryCall(channel, GREET, CallOptions.DEFAULT, name);
	}

	private static final class Utf8 implements MethodDescriptor.Marshaller<String> {

		static final Utf8 INSTANCE = new Utf8();

		@Override
		public InputStream stream(String value) {
			return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public String parse(InputStream stream) {
			try {
				return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
