package io.github.loopbackfastpath.sample.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;

import org.springframework.stereotype.Component;

/**
 * The gRPC service the bench calls, written without generated code:
 * {@code sample.Bench/Echo} answers the bytes it is sent, {@code sample.Bench/Stream}
 * answers them {@value #STREAMED} times in a server stream.
 *
 * @author Loopback Fast Path contributors
 */
@Component
class BenchService implements BindableService {

	/**
	 * How many messages a streaming call answers.
	 */
	static final int STREAMED = 16;

	static final MethodDescriptor<byte[], byte[]> ECHO = method(MethodDescriptor.MethodType.UNARY, "Echo");

	static final MethodDescriptor<byte[], byte[]> STREAM = method(MethodDescriptor.MethodType.SERVER_STREAMING,
			"Stream");

	private static MethodDescriptor<byte[], byte[]> method(MethodDescriptor.MethodType type, String name) {
		return MethodDescriptor.<byte[], byte[]>newBuilder()
			.setType(type)
			.setFullMethodName(MethodDescriptor.generateFullMethodName("sample.Bench", name))
			.setRequestMarshaller(Bytes.INSTANCE)
			.setResponseMarshaller(Bytes.INSTANCE)
			.build();
	}

	@Override
	public ServerServiceDefinition bindService() {
		return ServerServiceDefinition.builder("sample.Bench")
			.addMethod(ECHO, ServerCalls.asyncUnaryCall((body, response) -> {
				response.onNext(body);
				response.onCompleted();
			}))
			.addMethod(STREAM, ServerCalls.asyncServerStreamingCall((body, response) -> {
				for (int i = 0; i < STREAMED; i++) {
					response.onNext(body);
				}
				response.onCompleted();
			}))
			.build();
	}

	private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {

		static final Bytes INSTANCE = new Bytes();

		@Override
		public InputStream stream(byte[] value) {
			return new ByteArrayInputStream(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try {
				return stream.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
