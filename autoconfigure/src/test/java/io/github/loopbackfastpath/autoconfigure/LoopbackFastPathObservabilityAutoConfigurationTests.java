package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.actuate.LoopbackFastPathHealthIndicator;
import io.github.loopbackfastpath.actuate.LoopbackFastPathMetrics;
import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoopbackFastPathObservabilityAutoConfiguration}.
 */
class LoopbackFastPathObservabilityAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(LoopbackFastPathAutoConfiguration.class, LoopbackFastPathObservabilityAutoConfiguration.class));

	@Test
	void contributesMetricsAndHealth() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(LoopbackFastPathMetrics.class);
			assertThat(context).hasSingleBean(LoopbackFastPathHealthIndicator.class);
		});
	}

	@Test
	void noMetricsWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterBinder.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(LoopbackFastPathMetrics.class);
			assertThat(context).hasSingleBean(LoopbackFastPathHealthIndicator.class);
		});
	}

	@Test
	void noHealthWithoutSpringBootHealthOrWhenTurnedOff() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(LoopbackFastPathHealthIndicator.class));
		this.runner.withPropertyValues("management.health.loopbackfastpath.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LoopbackFastPathHealthIndicator.class));
	}

	@Test
	void backsOffWithoutTheEngine() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LoopbackFastPathObservabilityAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(LoopbackFastPathMetrics.class);
				assertThat(context).doesNotHaveBean(LoopbackFastPathHealthIndicator.class);
			});
	}

	@Test
	void applicationBeansWin() {
		this.runner.withUserConfiguration(ApplicationBeans.class).run((context) -> {
			assertThat(context).getBean(LoopbackFastPathMetrics.class).isSameAs(context.getBean("applicationMetrics"));
			assertThat(context).getBean(LoopbackFastPathHealthIndicator.class)
				.isSameAs(context.getBean("loopbackFastPathHealthIndicator"));
			assertThat(context.getBean("loopbackFastPathHealthIndicator"))
				.isSameAs(context.getBean(ApplicationBeans.class).health);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationBeans {

		LoopbackFastPathHealthIndicator health;

		@Bean
		LoopbackFastPathMetrics applicationMetrics(SocketRegistry registry) {
			return new LoopbackFastPathMetrics(registry);
		}

		@Bean
		LoopbackFastPathHealthIndicator loopbackFastPathHealthIndicator(FastPathEngine engine,
				SocketRegistry registry) {
			this.health = new LoopbackFastPathHealthIndicator(() -> engine, registry, false);
			return this.health;
		}

	}

}
