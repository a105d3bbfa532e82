package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.actuate.LoopbackFastPathHealthIndicator;
import io.github.loopbackfastpath.actuate.LoopbackFastPathMetrics;
import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link AutoConfiguration Auto-configuration} of the fast path's metrics (bound to every
 * Micrometer registry the application has, and to none when it has none) and health
 * contributor.
 *
 * @author Loopback Fast Path contributors
 */
@AutoConfiguration(after = LoopbackFastPathAutoConfiguration.class)
@ConditionalOnBean(SocketRegistry.class)
public final class LoopbackFastPathObservabilityAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LoopbackFastPathMetrics loopbackFastPathMetrics(SocketRegistry registry) {
			return new LoopbackFastPathMetrics(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	@ConditionalOnEnabledHealthIndicator("loopbackfastpath")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "loopbackFastPathHealthIndicator")
		LoopbackFastPathHealthIndicator loopbackFastPathHealthIndicator(ObjectProvider<FastPathEngine> engine,
				SocketRegistry registry, LoopbackFastPathProperties properties) {
			return new LoopbackFastPathHealthIndicator(engine::getIfAvailable, registry, properties.isEnabled());
		}

	}

}
