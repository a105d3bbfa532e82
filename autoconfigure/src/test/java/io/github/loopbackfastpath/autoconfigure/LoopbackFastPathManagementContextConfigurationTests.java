package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.server.jetty.JettyFastPathCustomizer;
import io.github.loopbackfastpath.server.netty.NettyServerFastPathCustomizer;
import io.github.loopbackfastpath.server.tomcat.TomcatFastPathCustomizer;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoopbackFastPathManagementContextConfiguration}, run as the child
 * context of an application that has the engine, the way Spring Boot runs a management
 * server on its own port.
 */
class LoopbackFastPathManagementContextConfigurationTests {

	private final WebApplicationContextRunner parent = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class,
				LoopbackFastPathServerAutoConfiguration.class))
		.withPropertyValues("loopback.fast-path.enabled=true");

	@Test
	void childContextGetsHooksOfItsOwnBesideTheParentsHooks() {
		this.parent.run((application) -> child().withParent(application).run((context) -> {
			assertThat(context).hasSingleBean(LoopbackFastPath.class);
			assertThat(context.getBeanNamesForType(TomcatFastPathCustomizer.class, false, false)).hasSize(1);
			assertThat(context.getBean(TomcatFastPathCustomizer.class))
				.isNotSameAs(application.getBean(TomcatFastPathCustomizer.class));
			assertThat(context.getBeanNamesForType(JettyFastPathCustomizer.class, false, false)).hasSize(1);
			assertThat(context.getBeanNamesForType(NettyServerFastPathCustomizer.class, false, false)).hasSize(1);
		}));
	}

	@Test
	void backsOffWhenDisabledOrWithoutListeners() {
		this.parent.run((application) -> {
			child().withParent(application)
				.withPropertyValues("loopback.fast-path.enabled=false")
				.run((context) -> assertThat(context.getBeanNamesForType(TomcatFastPathCustomizer.class, false, false))
					.isEmpty());
			child().withParent(application)
				.withPropertyValues("loopback.fast-path.server.enabled=false")
				.run((context) -> assertThat(context.getBeanNamesForType(TomcatFastPathCustomizer.class, false, false))
					.isEmpty());
		});
	}

	@Test
	void backsOffWithoutTheEngine() {
		child().run((context) -> assertThat(context).doesNotHaveBean(TomcatFastPathCustomizer.class));
	}

	@Test
	void eachServerLibraryIsConfiguredOnlyWhenPresent() {
		this.parent.run((application) -> child().withParent(application)
			.withClassLoader(new FilteredClassLoader(Tomcat.class))
			.run((context) -> {
				assertThat(context.getBeanNamesForType(TomcatFastPathCustomizer.class, false, false)).isEmpty();
				assertThat(context.getBeanNamesForType(JettyFastPathCustomizer.class, false, false)).hasSize(1);
			}));
	}

	@Test
	void childContextsOwnBeanWins() {
		this.parent.run((application) -> new WebApplicationContextRunner()
			.withUserConfiguration(ManagementTomcatHook.class, LoopbackFastPathManagementContextConfiguration.class)
			.withPropertyValues("loopback.fast-path.enabled=true")
			.withParent(application)
			.run((context) -> assertThat(context.getBean(TomcatFastPathCustomizer.class))
				.isSameAs(context.getBean("managementTomcatCustomizer"))));
	}

	private WebApplicationContextRunner child() {
		return new WebApplicationContextRunner()
			.withUserConfiguration(LoopbackFastPathManagementContextConfiguration.class)
			.withPropertyValues("loopback.fast-path.enabled=true");
	}

	@Configuration(proxyBeanMethods = false)
	static class ManagementTomcatHook {

		@Bean
		TomcatFastPathCustomizer managementTomcatCustomizer(LoopbackFastPath fastPath) {
			return new TomcatFastPathCustomizer(fastPath);
		}

	}

}
