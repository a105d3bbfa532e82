package io.github.loopbackfastpath.grpc;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.grpc.client.GrpcChannelBuilderCustomizer;

/**
 * The starter's one customizer of the channels Spring Boot's gRPC channel factory creates
 * (named channels, the default channel, {@code createChannel} with a target): it wraps
 * the builder's channel factory once, with every {@link GrpcChannelWrapper} in their
 * order. Spring gRPC passes a named channel's name to the customizers; the wrappers get
 * the target, resolved as Spring Boot resolves it
 * ({@code spring.grpc.client.channel.<name>.target}, {@code static://localhost:9090} for
 * {@code default}). It runs after the application's customizers, so that it wraps the
 * channel type they chose.
 *
 * @author Loopback Fast Path contributors
 */
public final class GrpcChannels implements GrpcChannelBuilderCustomizer<NettyChannelBuilder>, Ordered {

	private static final String DEFAULT_CHANNEL_TARGET = "static://localhost:9090";

	private final List<GrpcChannelWrapper> wrappers;

	private final Environment environment;

	private volatile @Nullable Map<String, NamedChannel> namedChannels;

	/**
	 * Create the customizer.
	 * @param wrappers the wrappers, in their order
	 * @param environment where named channels are configured
	 */
	public GrpcChannels(List<GrpcChannelWrapper> wrappers, Environment environment) {
		this.wrappers = List.copyOf(wrappers);
		this.environment = environment;
	}

	@Override
	public void customize(String name, NettyChannelBuilder builder) {
		String target = target(name);
		try {
			GrpcNettyInternals.wrapChannelFactory(builder, (factory) -> {
				ChannelFactory<? extends Channel> wrapped = factory;
				for (GrpcChannelWrapper wrapper : this.wrappers) {
					wrapped = wrapper.wrap(wrapped, target, builder);
				}
				return wrapped;
			});
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			String reason = "The channel factory of this grpc-netty version cannot be reached (" + ex + ")";
			this.wrappers.forEach((wrapper) -> wrapper.unreachable(reason));
		}
	}

	/**
	 * The target of a channel, as Spring Boot's channel factory resolves a name.
	 * @param name what the channel was created with: a named channel's name or a target
	 * @return the target
	 */
	String target(String name) {
		NamedChannel channel = namedChannels().get(name);
		if (channel != null && channel.target() != null) {
			return this.environment.resolvePlaceholders(Objects.requireNonNull(channel.target()));
		}
		return "default".equals(name) ? DEFAULT_CHANNEL_TARGET : this.environment.resolvePlaceholders(name);
	}

	// Bound once, on the first channel, as Spring Boot binds its client properties once:
	// not on every channel a channel-per-call workload creates
	private Map<String, NamedChannel> namedChannels() {
		Map<String, NamedChannel> channels = this.namedChannels;
		if (channels == null) {
			channels = Binder.get(this.environment)
				.bind("spring.grpc.client.channel", Bindable.mapOf(String.class, NamedChannel.class))
				.orElse(Map.of());
			this.namedChannels = channels;
		}
		return channels;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * The target of a named channel, {@code spring.grpc.client.channel.<name>.target}.
	 *
	 * @param target the target, if set
	 */
	record NamedChannel(@Nullable String target) {

	}

}
