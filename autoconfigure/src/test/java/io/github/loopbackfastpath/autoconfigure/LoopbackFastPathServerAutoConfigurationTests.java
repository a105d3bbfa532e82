package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.netty.NettyRuntimeHints;
import io.github.loopbackfastpath.server.ListenerCheck;
import io.github.loopbackfastpath.server.jetty.JettyConnectorCoverage;
import io.github.loopbackfastpath.server.jetty.JettyFastPathCustomizer;
import io.github.loopbackfastpath.server.netty.NettyServerCoverage;
import io.github.loopbackfastpath.server.netty.NettyServerFastPathCustomizer;
import io.github.loopbackfastpath.server.tomcat.TomcatConnectorCoverage;
import io.github.loopbackfastpath.server.tomcat.TomcatFastPathCustomizer;
import io.github.loopbackfastpath.server.tomcat.TomcatRuntimeHints;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.annotation.AnnotationUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoopbackFastPathServerAutoConfiguration}.
 */
class LoopbackFastPathServerAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class,
				LoopbackFastPathServerAutoConfiguration.class))
		.withPropertyValues("loopback.fast-path.enabled=true");

	@Test
	void hooksEveryServerLibraryOnTheClasspath() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ListenerCheck.class);
			assertThat(context).hasSingleBean(TomcatFastPathCustomizer.class);
			assertThat(context).hasSingleBean(TomcatConnectorCoverage.class);
			assertThat(context).hasSingleBean(JettyFastPathCustomizer.class);
			assertThat(context).hasSingleBean(JettyConnectorCoverage.class);
			assertThat(context).hasSingleBean(NettyServerFastPathCustomizer.class);
			assertThat(context).hasSingleBean(NettyServerCoverage.class);
		});
	}

	@Test
	void backsOffWhenTheFastPathIsDisabled() {
		this.runner.withPropertyValues("loopback.fast-path.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ListenerCheck.class);
			assertThat(context).doesNotHaveBean(TomcatFastPathCustomizer.class);
		});
	}

	@Test
	void backsOffOutsideAWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class,
					LoopbackFastPathServerAutoConfiguration.class))
			.withPropertyValues("loopback.fast-path.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(LoopbackFastPath.class);
				assertThat(context).doesNotHaveBean(ListenerCheck.class);
			});
	}

	@Test
	void backsOffWithoutTheEngine() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LoopbackFastPathServerAutoConfiguration.class))
			.withPropertyValues("loopback.fast-path.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(ListenerCheck.class));
	}

	@Test
	void serverDisabledKeepsTheCheckThatRecordsListenersAsDisabledButInstallsNoHook() {
		this.runner.withPropertyValues("loopback.fast-path.server.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(ListenerCheck.class);
			assertThat(context).hasSingleBean(TomcatConnectorCoverage.class);
			assertThat(context).doesNotHaveBean(TomcatFastPathCustomizer.class);
			assertThat(context).doesNotHaveBean(JettyFastPathCustomizer.class);
			assertThat(context).doesNotHaveBean(NettyServerFastPathCustomizer.class);
		});
	}

	@Test
	void eachServerLibraryIsConfiguredOnlyWhenPresent() {
		this.runner.withClassLoader(new FilteredClassLoader(Tomcat.class, Server.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(TomcatFastPathCustomizer.class);
			assertThat(context).doesNotHaveBean(TomcatConnectorCoverage.class);
			assertThat(context).doesNotHaveBean(JettyFastPathCustomizer.class);
			assertThat(context).doesNotHaveBean(JettyConnectorCoverage.class);
			assertThat(context).hasSingleBean(NettyServerFastPathCustomizer.class);
		});
		this.runner.withClassLoader(new FilteredClassLoader(HttpServer.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(NettyServerFastPathCustomizer.class);
			assertThat(context).doesNotHaveBean(NettyServerCoverage.class);
			assertThat(context).hasSingleBean(TomcatFastPathCustomizer.class);
		});
	}

	@Test
	void applicationBeansWin() {
		this.runner.withUserConfiguration(ApplicationHooks.class).run((context) -> {
			assertThat(context).getBean(TomcatFastPathCustomizer.class)
				.isSameAs(context.getBean("applicationTomcatCustomizer"));
			assertThat(context).getBean(JettyFastPathCustomizer.class)
				.isSameAs(context.getBean("applicationJettyCustomizer"));
			assertThat(context).getBean(TomcatConnectorCoverage.class)
				.isSameAs(context.getBean("applicationTomcatCoverage"));
			assertThat(context).getBean(ListenerCheck.class).isSameAs(context.getBean("applicationListenerCheck"));
		});
	}

	@Test
	void registersTheRuntimeHintsOfTheLibrariesItReflectsOn() {
		assertThat(AnnotationUtils.findAnnotation(ServerHookConfigurations.TomcatHook.class, ImportRuntimeHints.class)
			.value()).containsExactly(TomcatRuntimeHints.class);
		assertThat(AnnotationUtils
			.findAnnotation(ServerHookConfigurations.ReactorNettyHook.class, ImportRuntimeHints.class)
			.value()).containsExactly(NettyRuntimeHints.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationHooks {

		@Bean
		TomcatFastPathCustomizer applicationTomcatCustomizer(LoopbackFastPath fastPath) {
			return new TomcatFastPathCustomizer(fastPath);
		}

		@Bean
		JettyFastPathCustomizer applicationJettyCustomizer(LoopbackFastPath fastPath) {
			return new JettyFastPathCustomizer(fastPath);
		}

		@Bean
		TomcatConnectorCoverage applicationTomcatCoverage(LoopbackFastPath fastPath) {
			return new TomcatConnectorCoverage(fastPath);
		}

		@Bean
		ListenerCheck applicationListenerCheck(LoopbackFastPath fastPath,
				io.github.loopbackfastpath.registry.SocketRegistry registry) {
			return new ListenerCheck(fastPath, registry,
					new org.springframework.beans.factory.support.StaticListableBeanFactory()
						.getBeanProvider(io.github.loopbackfastpath.server.WebServerCoverage.class),
					false);
		}

	}

}
