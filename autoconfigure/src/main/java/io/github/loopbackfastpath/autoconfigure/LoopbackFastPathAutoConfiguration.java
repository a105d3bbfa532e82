package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.engine.Safeguards;
import io.github.loopbackfastpath.grpc.GrpcChannelWrapper;
import io.github.loopbackfastpath.grpc.GrpcChannels;
import io.github.loopbackfastpath.grpc.GrpcRuntimeHints;
import io.github.loopbackfastpath.grpc.GrpcUnixTargets;
import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.jdk.JdkRuntimeHints;
import io.github.loopbackfastpath.platform.SocketPlatform;
import io.github.loopbackfastpath.platform.detect.SocketPlatforms;
import io.github.loopbackfastpath.registry.RecordListener;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.report.SameHostStatus;
import io.github.loopbackfastpath.report.SocketLogger;
import io.github.loopbackfastpath.report.StartupReport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnResource;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link AutoConfiguration Auto-configuration} of the loopback fast path engine, its
 * registry of records and its logs. Its properties are always bound, so a bad value fails
 * start-up even when the fast path is off; the hooks of servers and clients are
 * configured only when it is on. The registry needs no native code: the same-host mode
 * records there with or without JNA; the engine, which calls the OS through JNA, backs
 * off without it.
 *
 * @author Loopback Fast Path contributors
 */
@AutoConfiguration
@EnableConfigurationProperties(LoopbackFastPathProperties.class)
public final class LoopbackFastPathAutoConfiguration {

	private static final String JNA = "classpath:com/sun/jna/Native.class";

	// The same-host mode's switch, named here so that this package imports nothing of the
	// mode's
	private static final String SAME_HOST_ENABLED = "loopback.fast-path.unix-domain.enabled";

	@Bean
	@ConditionalOnMissingBean
	SocketRegistry loopbackFastPathSocketRegistry(LoopbackFastPathProperties properties,
			ObjectProvider<RecordListener> listeners) {
		SocketRegistry registry = new SocketRegistry(properties.getHistorySize());
		listeners.orderedStream().forEach(registry::addListener);
		return registry;
	}

	// How native handles of JDK channels are reached, found once for the ioctl's engine
	// and the same-host mode's peer reader alike, when the first of them needs it
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	ChannelHandles loopbackFastPathChannelHandles() {
		return ChannelHandles.detect();
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(EitherModeEnabled.class)
	StartupReport loopbackFastPathStartupReport(SocketRegistry registry, LoopbackFastPathProperties properties,
			ObjectProvider<FastPathEngine> engine, ObjectProvider<SameHostStatus> sameHost) {
		return new StartupReport(registry, properties.isEnabled() ? engine.getIfAvailable() : null,
				sameHost.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	// A resource, not a class: Spring Boot loads the classes it checks, and an
	// application that leaves everything off should load no JNA class
	@ConditionalOnResource(resources = JNA)
	@ImportRuntimeHints(JdkRuntimeHints.class)
	static class EngineConfiguration {

		// Lazy: made when the ioctl's hooks need them, else on the first read of
		// the endpoint or the health contributor; with the ioctl off, nothing
		// needs them to start
		@Bean
		@Lazy
		@ConditionalOnMissingBean
		SocketPlatform loopbackFastPathSocketPlatform() {
			return SocketPlatforms.detect();
		}

		@Bean
		@Lazy
		@ConditionalOnMissingBean
		FastPathEngine loopbackFastPathEngine(LoopbackFastPathProperties properties, SocketPlatform platform,
				SocketRegistry registry, ObjectProvider<ChannelHandles> handles) {
			// How native handles are reached is found with the first one needed: on
			// Windows the first socket's, elsewhere when the endpoint or the start-up
			// summary shows it
			return new FastPathEngine(platform, SingletonSupplier.of(handles::getObject), registry,
					properties.getServer().isEnabled(), properties.getClient().isEnabled(),
					new Safeguards(properties.getUnsafeBuilds(), properties.isAllowUnsafeBuild()), new PropertyNames());
		}

		@Bean
		@ConditionalOnMissingBean
		SocketLogger loopbackFastPathSocketLogger() {
			return new SocketLogger();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.grpc.netty.NettyChannelBuilder",
			"org.springframework.grpc.client.GrpcChannelBuilderCustomizer" })
	@Conditional(EitherModeEnabled.class)
	@ImportRuntimeHints(GrpcRuntimeHints.class)
	static class GrpcChannelsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GrpcChannels loopbackFastPathGrpcChannels(ObjectProvider<GrpcChannelWrapper> wrappers,
				Environment environment) {
			return new GrpcChannels(wrappers.orderedStream().toList(), environment);
		}

		@Bean
		@ConditionalOnMissingBean
		GrpcUnixTargets loopbackFastPathGrpcUnixTargets(SocketRegistry registry) {
			return new GrpcUnixTargets(registry);
		}

	}

	/**
	 * The ioctl or the same-host mode is on: either records AF_UNIX sockets.
	 */
	static final class EitherModeEnabled extends AnyNestedCondition {

		EitherModeEnabled() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBooleanProperty(PropertyNames.ENABLED)
		static class Ioctl {

		}

		@ConditionalOnBooleanProperty(SAME_HOST_ENABLED)
		static class SameHost {

		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(JnaMissing.class)
	static class JnaMissingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JnaMissingReporter loopbackFastPathJnaMissingReporter(ObjectProvider<LoopbackFastPathProperties> properties) {
			return new JnaMissingReporter(properties.getObject().isEnabled());
		}

	}

	/**
	 * JNA is not on the class path, told without loading a JNA class.
	 */
	static final class JnaMissing extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("JNA missing");
			return new DefaultResourceLoader(context.getClassLoader()).getResource(JNA).exists()
					? ConditionOutcome.noMatch(message.found("resource").items(JNA))
					: ConditionOutcome.match(message.didNotFind("resource").items(JNA));
		}

	}

	/**
	 * Says once, when the fast path was asked for, why nothing will happen.
	 */
	static final class JnaMissingReporter {

		private static final Log logger = LogFactory.getLog(LoopbackFastPathAutoConfiguration.class);

		JnaMissingReporter(boolean enabled) {
			if (enabled) {
				logger.warn("Loopback fast path is enabled but JNA is not on the classpath, so no socket will get it: "
						+ "add net.java.dev.jna:jna (the loopback-fast-path-spring-boot-starter brings it).");
			}
		}

	}

}
