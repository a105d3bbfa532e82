package io.github.loopbackfastpath.unixdomain.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import io.github.loopbackfastpath.autoconfigure.LoopbackFastPathAutoConfiguration;
import io.github.loopbackfastpath.unixdomain.observation.ExchangeTransport;
import io.github.loopbackfastpath.unixdomain.observation.ReactiveServerTransport;
import io.github.loopbackfastpath.unixdomain.observation.RestClientTransport;
import io.github.loopbackfastpath.unixdomain.observation.ServletServerTransport;
import io.github.loopbackfastpath.unixdomain.observation.TransportObservationFilter;
import io.github.loopbackfastpath.unixdomain.observation.TransportResolver;
import io.github.loopbackfastpath.unixdomain.observation.WebClientTransport;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnixDomainObservationAutoConfiguration}; its gRPC resolvers in
 * {@code GrpcUnixDomainAutoConfigurationTests}.
 */
class UnixDomainObservationAutoConfigurationTests {

	@TempDir
	Path temp;

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(
			LoopbackFastPathAutoConfiguration.class, UnixDomainAutoConfiguration.class,
			UnixDomainClientAutoConfiguration.class, UnixDomainObservationAutoConfiguration.class);

	private WebApplicationContextRunner runner() {
		return new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.withPropertyValues("loopback.fast-path.unix-domain.directory=" + this.temp);
	}

	@Test
	void nothingInAnApplicationThatDoesNotObserve() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(modeOn())
			.run((context) -> assertThat(context).hasBean("loopbackFastPathUnixDomainRouter")
				.doesNotHaveBean(TransportObservationFilter.class)
				.doesNotHaveBean(TransportResolver.class));
	}

	@Test
	void theFilterIsAppliedToSpringBootsObservationRegistry() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.withPropertyValues(modeOn())
			.run((context) -> {
				ObservationRegistry registry = context.getBean(ObservationRegistry.class);
				registry.observationConfig().observationHandler((any) -> true);
				Observation.Context observation = new ServerRequestObservationContext(
						new MockHttpServletRequest("GET", "/"), new MockHttpServletResponse());
				Observation.start("http.server.requests", () -> observation, registry).stop();
				assertThat(observation.getLowCardinalityKeyValue(TransportObservationFilter.KEY)).isNotNull();
			});
	}

	@Test
	void aResolverForTheServletServerAndEveryClientOnTheClasspathWhenTheModeIsOn() {
		runner().withPropertyValues("loopback.fast-path.unix-domain.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(TransportObservationFilter.class);
			assertThat(context).hasSingleBean(ServletServerTransport.class);
			assertThat(context).doesNotHaveBean(ReactiveServerTransport.class);
			assertThat(context).hasSingleBean(RestClientTransport.class);
			assertThat(context).hasSingleBean(WebClientTransport.class);
		});
	}

	@Test
	void theReactiveServersResolverInAReactiveApplication() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.withPropertyValues(modeOn())
			.run((context) -> assertThat(context).hasSingleBean(ReactiveServerTransport.class)
				.doesNotHaveBean(ServletServerTransport.class));
	}

	@Test
	void noServersResolverOutsideAWebApplication() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.withPropertyValues(modeOn())
			.run((context) -> assertThat(context).hasSingleBean(RestClientTransport.class)
				.doesNotHaveBean(ServletServerTransport.class)
				.doesNotHaveBean(ReactiveServerTransport.class));
	}

	private String[] modeOn() {
		return new String[] { "loopback.fast-path.unix-domain.directory=" + this.temp,
				"loopback.fast-path.unix-domain.enabled=true" };
	}

	@Test
	void theResolversAreMadeWhenTheFirstObservationStopsNotToStart() {
		runner().withPropertyValues("loopback.fast-path.unix-domain.enabled=true").run((context) -> {
			assertThat(context.getBeanFactory().getBeanNamesForType(TransportResolver.class, true, false)).isNotEmpty()
				.noneMatch(context.getBeanFactory()::containsSingleton);
			Observation.Context observation = new ServerRequestObservationContext(
					new MockHttpServletRequest("GET", "/"), new MockHttpServletResponse());
			context.getBean(TransportObservationFilter.class).map(observation);
			assertThat(observation.getLowCardinalityKeyValue(TransportObservationFilter.KEY)).isNotNull();
			assertThat(context.getBeanFactory().getBeanNamesForType(TransportResolver.class, true, false))
				.allMatch(context.getBeanFactory()::containsSingleton);
		});
	}

	@Test
	void nothingWhenTheModeIsOff() {
		runner().withPropertyValues("loopback.fast-path.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(TransportObservationFilter.class)
				.doesNotHaveBean(TransportResolver.class));
	}

	@Test
	void theApplicationsOwnFilterAndResolversWin() {
		runner().withPropertyValues("loopback.fast-path.unix-domain.enabled=true")
			.withUserConfiguration(OwnBeans.class)
			.run((context) -> {
				assertThat(context).getBean(TransportObservationFilter.class)
					.isSameAs(context.getBean(OwnBeans.class).filter);
				assertThat(context).getBean(ServletServerTransport.class)
					.isSameAs(context.getBean(OwnBeans.class).servlet);
			});
	}

	@Test
	void aResolverThatFailsLeavesTheObservationWithoutTheKey() {
		TransportResolver failing = (context) -> {
			throw new IllegalArgumentException("port out of range:-1");
		};
		TransportResolver unixDomain = (context) -> ExchangeTransport.UNIX_DOMAIN;
		Observation.Context context = new Observation.Context();
		new TransportObservationFilter(List.of(failing, unixDomain)).map(context);
		assertThat(context.getLowCardinalityKeyValue(TransportObservationFilter.KEY)).isNull();
		new TransportObservationFilter(List.of((other) -> null, unixDomain)).map(context);
		assertThat(context.getLowCardinalityKeyValue(TransportObservationFilter.KEY))
			.isEqualTo(KeyValue.of(TransportObservationFilter.KEY, "UNIX_DOMAIN"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBeans {

		final TransportObservationFilter filter = new TransportObservationFilter(List.of());

		final ServletServerTransport servlet = new ServletServerTransport();

		@Bean
		TransportObservationFilter ownFilter() {
			return this.filter;
		}

		@Bean
		ServletServerTransport ownServletTransport() {
			return this.servlet;
		}

	}

}
