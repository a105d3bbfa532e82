package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.actuate.LoopbackFastPathEndpoint;
import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.test.WithoutJna;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoopbackFastPathEndpointAutoConfiguration}.
 */
class LoopbackFastPathEndpointAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class,
				LoopbackFastPathEndpointAutoConfiguration.class, EndpointAutoConfiguration.class));

	@Test
	void endpointIsAvailableWhenExposedEvenWithTheFastPathOff() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=loopbackfastpath").run((context) -> {
			assertThat(context).hasSingleBean(LoopbackFastPathEndpoint.class);
			assertThat(context.getBean(LoopbackFastPathEndpoint.class).report().enabled()).isFalse();
		});
	}

	@Test
	void endpointIsAbsentWhenNotExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(LoopbackFastPathEndpoint.class));
	}

	@Test
	void withoutJnaTheEndpointSaysTheIoctlBackedOff() {
		this.runner.withClassLoader(new FilteredClassLoader(WithoutJna.FILTER))
			.withPropertyValues("management.endpoints.web.exposure.include=loopbackfastpath")
			.run((context) -> {
				LoopbackFastPathEndpoint.LoopbackFastPathDescriptor report = context
					.getBean(LoopbackFastPathEndpoint.class)
					.report();
				assertThat(report.platform()).isNull();
				assertThat(report.ioctl()).contains("backed off").contains("net.java.dev.jna:jna");
			});
	}

	@Test
	void applicationEndpointWins() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=loopbackfastpath")
			.withUserConfiguration(ApplicationEndpoint.class)
			.run((context) -> assertThat(context).getBean(LoopbackFastPathEndpoint.class)
				.isSameAs(context.getBean("applicationEndpoint")));
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationEndpoint {

		@Bean
		LoopbackFastPathEndpoint applicationEndpoint(FastPathEngine engine, SocketRegistry registry) {
			return new LoopbackFastPathEndpoint(() -> engine, registry, true, null);
		}

	}

}
