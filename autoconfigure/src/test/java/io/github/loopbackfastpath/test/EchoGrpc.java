package io.github.loopbackfastpath.test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.grpc.BindableService;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;

/**
 * A gRPC service defined without generated code: {@code test.Echo/Echo} answers the
 * string it is sent.
 */
public final class EchoGrpc implements BindableService {

	/**
	 * The one method.
	 */
	public static final MethodDescriptor<String, String> ECHO = MethodDescriptor.<String, String>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName(MethodDescriptor.generateFullMethodName("test.Echo", "Echo"))
		.setRequestMarshaller(new Utf8())
		.setResponseMarshaller(new Utf8())
		.build();

	@Override
	public ServerServiceDefinition bindService() {
		return ServerServiceDefinition.builder("test.Echo")
			.addMethod(ECHO, ServerCalls.asyncUnaryCall((request, response) -> {
				response.onNext(request);
				response.onCompleted();
			}))
			.build();
	}

	/**
	 * Call the service.
	 * @param channel the channel
	 * @param message what to send
	 * @return the answer
	 */
	public static String echo(Channel channel, String message) {
		return ClientCalls.blockingUnaryCall(channel, ECHO, io.grpc.CallOptions.DEFAULT, message);
	}

	private static final class Utf8 implements MethodDescriptor.Marshaller<String> {

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
