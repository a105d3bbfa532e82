package io.github.loopbackfastpath.autoconfigure;

import java.nio.file.Path;

import io.github.loopbackfastpath.client.httpclient5.UnixDomainRouting;
import io.github.loopbackfastpath.client.reactor.ReactorConnectorRuntimeHints;
import io.github.loopbackfastpath.client.reactor.UnixDomainConnectorPostProcessor;
import io.github.loopbackfastpath.client.reactor.UnixDomainRequestFactoryPostProcessor;
import io.github.loopbackfastpath.client.reactor.UnixDomainRoutingConnector;
import io.github.loopbackfastpath.server.jetty.JettyUnixDomainBinder;
import io.github.loopbackfastpath.server.netty.NettyUnixDomainBinder;
import io.github.loopbackfastpath.server.netty.NettyWebServerRuntimeHints;
import io.github.loopbackfastpath.server.tomcat.TomcatUnixDomainBinder;
import io.github.loopbackfastpath.unixdomain.ServerPublisher;
import io.github.loopbackfastpath.unixdomain.UnixDomainSockets;
import io.github.loopbackfastpath.unixdomain.UnixDomainSummary;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoopbackFastPathUnixDomainAutoConfiguration}.
 */
class LoopbackFastPathUnixDomainAutoConfigurationTests {

	@TempDir
	Path temp;

	private WebApplicationContextRunner runner() {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class,
					LoopbackFastPathUnixDomainAutoConfiguration.class))
			.withPropertyValues("loopback.fast-path.unix-domain.enabled=true",
					"loopback.fast-path.unix-domain.directory=" + this.temp);
	}

	@Test
	void onWithItsOwnPropertyAloneWithEveryServerAndClientOnTheClasspath() {
		runner().run((context) -> {
			assertThat(context.getBean(UnixDomainSockets.class).directory()).isEqualTo(this.temp);
			assertThat(context).hasSingleBean(ServerPublisher.class);
			assertThat(context).hasSingleBean(UnixDomainSummary.class);
			assertThat(context).hasSingleBean(TomcatUnixDomainBinder.class);
			assertThat(context).hasSingleBean(JettyUnixDomainBinder.class);
			assertThat(context).hasSingleBean(NettyUnixDomainBinder.class);
			assertThat(context).hasSingleBean(UnixDomainConnectorPostProcessor.class);
			assertThat(context).hasSingleBean(UnixDomainRequestFactoryPostProcessor.class);
			assertThat(context).hasSingleBean(UnixDomainRouting.class);
		});
	}

	@Test
	void offByDefault() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class,
					LoopbackFastPathUnixDomainAutoConfiguration.class))
			.withPropertyValues("loopback.fast-path.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(UnixDomainSockets.class));
	}

	@Test
	void defaultDirectoryIsPerUser() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class,
					LoopbackFastPathUnixDomainAutoConfiguration.class))
			.withPropertyValues("loopback.fast-path.unix-domain.enabled=true")
			.run((context) -> assertThat(context.getBean(UnixDomainSockets.class).directory())
				.isEqualTo(UnixDomainSockets.defaultDirectory()));
		assertThat(UnixDomainSockets.defaultDirectory().toString()).contains("loopback-fast-path");
	}

	@Test
	void serversOnlyInAWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class,
					LoopbackFastPathUnixDomainAutoConfiguration.class))
			.withPropertyValues("loopback.fast-path.unix-domain.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(UnixDomainSockets.class);
				assertThat(context).doesNotHaveBean(ServerPublisher.class);
				assertThat(context).doesNotHaveBean(TomcatUnixDomainBinder.class);
			});
	}

	@Test
	void eachLibraryBacksOffWhenAbsent() {
		runner().withClassLoader(new FilteredClassLoader(NettyWebServer.class, HttpClientBuilder.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(NettyUnixDomainBinder.class);
				assertThat(context).doesNotHaveBean(UnixDomainRouting.class);
				assertThat(context).hasSingleBean(TomcatUnixDomainBinder.class);
			});
	}

	@Test
	void routesTheReactorConnectorBean() {
		runner().withUserConfiguration(ConnectorConfiguration.class)
			.run((context) -> assertThat(context.getBean(ClientHttpConnector.class))
				.isInstanceOf(UnixDomainRoutingConnector.class));
	}

	@Test
	void applicationBeansWin() {
		runner().withUserConfiguration(ApplicationSockets.class)
			.run((context) -> assertThat(context.getBean(UnixDomainSockets.class))
				.isSameAs(context.getBean(ApplicationSockets.class).sockets));
	}

	@Test
	void registersHintsForTheInternalsItReads() {
		RuntimeHints hints = new RuntimeHints();
		new NettyWebServerRuntimeHints().registerHints(hints, null);
		new ReactorConnectorRuntimeHints().registerHints(hints, null);
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(NettyWebServer.class, "httpServer"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(NettyWebServer.class, "handler")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(ReactorClientHttpConnector.class, "httpClient"))
			.accepts(hints);
		assertThat(
				RuntimeHintsPredicates.reflection().onFieldAccess(ReactorClientHttpRequestFactory.class, "httpClient"))
			.accepts(hints);
	}

	@Configuration(proxyBeanMethods = false)
	static class ConnectorConfiguration {

		@Bean
		ClientHttpConnector connector() {
			return new ReactorClientHttpConnector(reactor.netty.http.client.HttpClient.create());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationSockets {

		final UnixDomainSockets sockets = new UnixDomainSockets(Path.of("/tmp/application-sockets"),
				new io.github.loopbackfastpath.record.SocketRegistry(1));

		@Bean
		UnixDomainSockets applicationSockets() {
			return this.sockets;
		}

	}

}
