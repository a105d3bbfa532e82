package io.github.loopbackfastpath.unixdomain.server.grpc;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.github.loopbackfastpath.grpc.GrpcServerFastPath;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import io.grpc.netty.NettyServerBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerExecutorProvider;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.grpc.server.ServerBuilderCustomizer;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * The settings Spring Boot gives its gRPC server's builder, for the server on the
 * published socket: the compressor and decompressor registries and the executor beans,
 * {@code spring.grpc.server.inbound.*} and {@code spring.grpc.server.keepalive.*}, and
 * the application's {@link ServerBuilderCustomizer} beans, in Spring Boot's order
 * ({@code GrpcServerBuilderCustomizers}, which is not public, does the same for the TCP
 * server). The ioctl's own customizer is left out: it is for TCP listeners.
 *
 * @author Loopback Fast Path contributors
 */
public final class GrpcServerSettings {

	private static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(30);

	private static final int DEFAULT_PORT = 9090;

	private final @Nullable GrpcServerProperties properties;

	private final @Nullable CompressorRegistry compressors;

	private final @Nullable DecompressorRegistry decompressors;

	private final @Nullable GrpcServerExecutorProvider executor;

	private final List<ServerBuilderCustomizer<?>> customizers;

	/**
	 * Create the settings.
	 * @param properties the {@code spring.grpc.server.*} properties, if bound
	 * @param compressors the compressor registry bean, if any
	 * @param decompressors the decompressor registry bean, if any
	 * @param executor the executor provider bean, if any
	 * @param customizers the server builder customizer beans, in order
	 */
	public GrpcServerSettings(@Nullable GrpcServerProperties properties, @Nullable CompressorRegistry compressors,
			@Nullable DecompressorRegistry decompressors, @Nullable GrpcServerExecutorProvider executor,
			List<ServerBuilderCustomizer<?>> customizers) {
		this.properties = properties;
		this.compressors = compressors;
		this.decompressors = decompressors;
		this.executor = executor;
		this.customizers = customizers.stream()
			.filter((customizer) -> !(customizer instanceof GrpcServerFastPath))
			.toList();
	}

	/**
	 * How long the calls in flight may take when the server shuts down
	 * ({@code spring.grpc.server.shutdown.grace-period}).
	 * @return the grace period
	 */
	Duration gracePeriod() {
		Duration period = (this.properties != null) ? this.properties.getShutdown().getGracePeriod() : null;
		return (period != null) ? period : DEFAULT_GRACE_PERIOD;
	}

	/**
	 * The server's configured port ({@code spring.grpc.server.port}, 9090 by default).
	 * @return the port
	 */
	int port() {
		Integer port = (this.properties != null) ? this.properties.getPort() : null;
		return (port != null) ? port : DEFAULT_PORT;
	}

	/**
	 * The server's configured address ({@code spring.grpc.server.address}).
	 * @return the address, or {@code null} for none
	 */
	@Nullable InetAddress address() {
		return (this.properties != null) ? this.properties.getAddress() : null;
	}

	/**
	 * The domain socket Spring Boot's server listens on instead of TCP
	 * ({@code spring.grpc.server.netty.transport: domain-socket}).
	 * @return its path, or {@code null} for a TCP server
	 */
	@Nullable String domainSocketPath() {
		if (this.properties == null) {
			return null;
		}
		GrpcServerProperties.Netty netty = this.properties.getNetty();
		String path = netty.getDomainSocketPath();
		boolean domainSocket = (netty.getTransport() != null)
				? netty.getTransport() == GrpcServerProperties.Netty.Transport.DOMAIN_SOCKET
				: StringUtils.hasText(path);
		return domainSocket ? String.valueOf(path) : null;
	}

	/**
	 * Give a builder the settings of Spring Boot's gRPC server.
	 * @param builder the builder of the server on the socket
	 */
	@SuppressWarnings("unchecked")
	void applyTo(NettyServerBuilder builder) {
		if (this.compressors != null) {
			builder.compressorRegistry(this.compressors);
		}
		if (this.decompressors != null) {
			builder.decompressorRegistry(this.decompressors);
		}
		if (this.executor != null) {
			builder.executor(this.executor.getExecutor());
		}
		if (this.properties != null) {
			mapProperties(this.properties, builder);
		}
		LambdaSafe.callbacks(ServerBuilderCustomizer.class, this.customizers, builder)
			.withLogger(GrpcServerSettings.class)
			.invoke((customizer) -> customizer.customize(builder));
	}

	private static void mapProperties(GrpcServerProperties properties, NettyServerBuilder builder) {
		PropertyMapper map = PropertyMapper.get();
		GrpcServerProperties.Inbound inbound = properties.getInbound();
		map.from(inbound.getMessage().getMaxSize())
			.as(DataSize::toBytes)
			.as(Math::toIntExact)
			.to(builder::maxInboundMessageSize);
		map.from(inbound.getMetadata().getMaxSize())
			.as(DataSize::toBytes)
			.as(Math::toIntExact)
			.to(builder::maxInboundMetadataSize);
		GrpcServerProperties.Keepalive keepalive = properties.getKeepalive();
		map.from(keepalive.getTime()).to(duration(builder::keepAliveTime));
		map.from(keepalive.getTimeout()).to(duration(builder::keepAliveTimeout));
		map.from(keepalive.getConnection().getMaxIdleTime()).to(duration(builder::maxConnectionIdle));
		map.from(keepalive.getConnection().getMaxAge()).to(duration(builder::maxConnectionAge));
		map.from(keepalive.getConnection().getGracePeriod()).to(duration(builder::maxConnectionAgeGrace));
		map.from(keepalive.getPermit().getTime()).to(duration(builder::permitKeepAliveTime));
		map.from(keepalive.getPermit().isWithoutCalls()).to(builder::permitKeepAliveWithoutCalls);
	}

	private static Consumer<Duration> duration(BiConsumer<Long, TimeUnit> setter) {
		return (duration) -> setter.accept(duration.toNanos(), TimeUnit.NANOSECONDS);
	}

}
