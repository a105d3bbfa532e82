package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.NativeHandles;
import io.github.loopbackfastpath.engine.Safeguards;
import io.github.loopbackfastpath.engine.SocketPlatform;
import io.github.loopbackfastpath.engine.SocketPlatforms;
import io.github.loopbackfastpath.engine.SocketRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link AutoConfiguration Auto-configuration} of the loopback fast path engine. Its
 * properties are always bound, so a bad value fails start-up even when the fast path is
 * off; the hooks of servers and clients are configured only when it is on.
 *
 * @author Loopback Fast Path contributors
 */
@AutoConfiguration
@EnableConfigurationProperties(LoopbackFastPathProperties.class)
public final class LoopbackFastPathAutoConfiguration {

	/**
	 * The property that turns the fast path on.
	 */
	static final String ENABLED_PROPERTY = "loopback.fast-path.enabled";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "com.sun.jna.Native")
	static class EngineConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SocketPlatform loopbackFastPathSocketPlatform() {
			return SocketPlatforms.detect();
		}

		@Bean
		@ConditionalOnMissingBean
		LoopbackFastPath loopbackFastPath(LoopbackFastPathProperties properties, SocketPlatform platform) {
			LoopbackFastPath fastPath = new LoopbackFastPath(platform, NativeHandles.detect(),
					new SocketRegistry(properties.getHistorySize()), properties.getServer().isEnabled(),
					properties.getClient().isEnabled(),
					new Safeguards(properties.getUnsafeBuilds(), properties.isAllowUnsafeBuild()));
			fastPath.addListener(new SocketLogger());
			return fastPath;
		}

		@Bean
		@ConditionalOnClass(WebServerInitializedEvent.class)
		@ConditionalOnBooleanProperty(ENABLED_PROPERTY)
		ListenerVerifier loopbackFastPathListenerVerifier(LoopbackFastPath fastPath,
				LoopbackFastPathProperties properties) {
			return new ListenerVerifier(fastPath, properties.isFailOnError());
		}

		@Bean
		@ConditionalOnBooleanProperty(ENABLED_PROPERTY)
		StartupReport loopbackFastPathStartupReport(LoopbackFastPath fastPath) {
			return new StartupReport(fastPath);
		}

		@Bean
		@ConditionalOnClass(WebServerInitializedEvent.class)
		@ConditionalOnBooleanProperty(ENABLED_PROPERTY)
		ListenerCoverage loopbackFastPathListenerCoverage(LoopbackFastPath fastPath) {
			return new ListenerCoverage(fastPath);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("com.sun.jna.Native")
	static class JnaMissingConfiguration {

		@Bean
		JnaMissingReporter loopbackFastPathJnaMissingReporter(ObjectProvider<LoopbackFastPathProperties> properties) {
			return new JnaMissingReporter(properties.getObject().isEnabled());
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
