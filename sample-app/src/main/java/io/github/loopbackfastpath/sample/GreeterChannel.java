package io.github.loopbackfastpath.sample;

import io.grpc.ManagedChannel;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;
import org.springframework.stereotype.Component;

/**
 * A channel to the application's own gRPC server, from Spring Boot's
 * {@link GrpcChannelFactory}, once the server has started (on whatever port
 * {@code spring.grpc.server.port} gave it).
 *
 * @author Loopback Fast Path contributors
 */
@Component
class GreeterChannel implements ApplicationListener<GrpcServerStartedEvent> {

	private final GrpcChannelFactory channels;

	private volatile @Nullable ManagedChannel channel;

	GreeterChannel(GrpcChannelFactory channels) {
		this.channels = channels;
	}

	@Override
	public void onApplicationEvent(GrpcServerStartedEvent event) {
		this.channel = this.channels.createChannel("static://127.0.0.1:" + event.getPort());
	}

	/**
	 * The channel.
	 * @return the channel, or {@code null} until the gRPC server has started
	 */
	@Nullable ManagedChannel channel() {
		return this.channel;
	}

}
