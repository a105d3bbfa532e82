package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.client.ClientCoverage;
import io.github.loopbackfastpath.client.httpclient5.HttpClient5FastPath;
import io.github.loopbackfastpath.client.httpclient5.HttpClient5RuntimeHints;
import io.github.loopbackfastpath.client.reactor.ReactorNettyClientFastPath;
import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.netty.NettyRuntimeHints;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.annotation.AnnotationUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoopbackFastPathClientAutoConfiguration}.
 */
class LoopbackFastPathClientAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class,
				LoopbackFastPathClientAutoConfiguration.class))
		.withPropertyValues("loopback.fast-path.enabled=true");

	@Test
	void hooksEveryClientLibraryOnTheClasspath() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ReactorNettyClientFastPath.class);
			assertThat(context).hasSingleBean(HttpClient5FastPath.class);
			assertThat(context).hasBean("loopbackFastPathReactorConnectorCustomizer");
			assertThat(context).hasBean("loopbackFastPathReactorRequestFactoryCustomizer");
			assertThat(context).hasBean("loopbackFastPathHttpClient5RequestFactoryCustomizer");
			assertThat(context).hasSingleBean(ClientCoverage.Connectors.class);
			assertThat(context).hasSingleBean(ClientCoverage.RequestFactories.class);
			assertThat(context).doesNotHaveBean(ClientCoverage.ReactiveApplicationBlockingClients.class);
		});
	}

	@Test
	void backsOffWhenDisabledForClients() {
		this.runner.withPropertyValues("loopback.fast-path.client.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(LoopbackFastPath.class);
			assertThat(context).doesNotHaveBean(ReactorNettyClientFastPath.class);
			assertThat(context).doesNotHaveBean(ClientCoverage.Connectors.class);
		});
		this.runner.withPropertyValues("loopback.fast-path.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HttpClient5FastPath.class));
	}

	@Test
	void backsOffWithoutTheEngine() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LoopbackFastPathClientAutoConfiguration.class))
			.withPropertyValues("loopback.fast-path.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(ReactorNettyClientFastPath.class));
	}

	@Test
	void eachClientLibraryIsConfiguredOnlyWhenPresent() {
		this.runner.withClassLoader(new FilteredClassLoader(HttpClientBuilder.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(HttpClient5FastPath.class);
			assertThat(context).hasSingleBean(ReactorNettyClientFastPath.class);
		});
		this.runner.withClassLoader(new FilteredClassLoader(reactor.netty.http.client.HttpClient.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ReactorNettyClientFastPath.class);
				assertThat(context).hasSingleBean(HttpClient5FastPath.class);
			});
	}

	@Test
	void reactiveApplicationSaysItsBlockingClientsAreOutOfReach() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class,
					LoopbackFastPathClientAutoConfiguration.class))
			.withPropertyValues("loopback.fast-path.enabled=true")
			.run((context) -> assertThat(context)
				.hasSingleBean(ClientCoverage.ReactiveApplicationBlockingClients.class));
	}

	@Test
	void applicationBeansWin() {
		this.runner.withUserConfiguration(ApplicationHooks.class).run((context) -> {
			assertThat(context).getBean(ReactorNettyClientFastPath.class)
				.isSameAs(context.getBean("applicationReactorNettyClient"));
			assertThat(context).getBean(HttpClient5FastPath.class).isSameAs(context.getBean("applicationHttpClient5"));
			assertThat(context).getBean("loopbackFastPathReactorConnectorCustomizer").isEqualTo("application's own");
		});
	}

	@Test
	void registersTheRuntimeHintsOfTheLibrariesItReflectsOn() {
		assertThat(AnnotationUtils
			.findAnnotation(LoopbackFastPathClientAutoConfiguration.HttpClient5Configuration.class,
					ImportRuntimeHints.class)
			.value()).containsExactly(HttpClient5RuntimeHints.class);
		assertThat(AnnotationUtils
			.findAnnotation(LoopbackFastPathClientAutoConfiguration.ReactorNettyConfiguration.class,
					ImportRuntimeHints.class)
			.value()).containsExactly(NettyRuntimeHints.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationHooks {

		@Bean
		ReactorNettyClientFastPath applicationReactorNettyClient(LoopbackFastPath fastPath) {
			return new ReactorNettyClientFastPath(fastPath);
		}

		@Bean
		HttpClient5FastPath applicationHttpClient5(LoopbackFastPath fastPath) {
			return new HttpClient5FastPath(fastPath);
		}

		@Bean
		String loopbackFastPathReactorConnectorCustomizer() {
			return "application's own";
		}

	}

}
