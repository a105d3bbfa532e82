package io.github.loopbackfastpath.unixdomain.autoconfigure;

import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.client.ClientConnections;
import io.github.loopbackfastpath.unixdomain.observation.GrpcClientTransport;
import io.github.loopbackfastpath.unixdomain.observation.GrpcServerTransport;
import io.github.loopbackfastpath.unixdomain.observation.HttpClientTransport;
import io.github.loopbackfastpath.unixdomain.observation.ReactiveServerTransport;
import io.github.loopbackfastpath.unixdomain.observation.RestClientTransport;
import io.github.loopbackfastpath.unixdomain.observation.ServletServerTransport;
import io.github.loopbackfastpath.unixdomain.observation.TransportObservationFilter;
import io.github.loopbackfastpath.unixdomain.observation.TransportResolver;
import io.github.loopbackfastpath.unixdomain.observation.WebClientTransport;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Auto-configuration of the {@code transport} key ({@code TCP} or {@code UNIX_DOMAIN}) on
 * the HTTP server and client observations ({@code http.server.requests},
 * {@code http.client.requests}) and the gRPC server and client observations, when the
 * same-host mode is on. Each resolver is a bean of its own, configured when its library
 * is present (a server's when the application is of its kind: servlet or reactive), and
 * lazy: the filter asks for them when the first observation stops, so that they cost the
 * application's start-up nothing. Only in an application that observes: with an
 * {@link ObservationRegistry} bean (Spring Boot's, with Actuator), which the filter is
 * applied to; without one there is nothing to add the key to, and nothing is made.
 *
 * @author Loopback Fast Path contributors
 */
@AutoConfiguration(after = UnixDomainClientAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationFilter.class)
@ConditionalOnBean({ UnixDomainRouter.class, ObservationRegistry.class })
public final class UnixDomainObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TransportObservationFilter loopbackFastPathTransportObservationFilter(ObjectProvider<TransportResolver> resolvers) {
		return new TransportObservationFilter(() -> resolvers.orderedStream().toList());
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	HttpClientTransport loopbackFastPathHttpClientTransport(UnixDomainRouter router, ClientConnections connections) {
		return new HttpClientTransport(router, connections);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ ServerRequestObservationContext.class, HttpServletRequest.class })
	static class ServletServerConfiguration {

		@Bean
		@Lazy
		@ConditionalOnMissingBean
		ServletServerTransport loopbackFastPathServletServerTransport() {
			return new ServletServerTransport();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(org.springframework.http.server.reactive.observation.ServerRequestObservationContext.class)
	static class ReactiveServerConfiguration {

		@Bean
		@Lazy
		@ConditionalOnMissingBean
		ReactiveServerTransport loopbackFastPathReactiveServerTransport() {
			return new ReactiveServerTransport();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(org.springframework.http.client.observation.ClientRequestObservationContext.class)
	static class RestClientConfiguration {

		@Bean
		@Lazy
		@ConditionalOnMissingBean
		RestClientTransport loopbackFastPathRestClientTransport(HttpClientTransport clients) {
			return new RestClientTransport(clients);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(org.springframework.web.reactive.function.client.ClientRequestObservationContext.class)
	static class WebClientConfiguration {

		@Bean
		@Lazy
		@ConditionalOnMissingBean
		WebClientTransport loopbackFastPathWebClientTransport(HttpClientTransport clients) {
			return new WebClientTransport(clients);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext",
			"io.grpc.netty.NettyServerBuilder", "org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent" })
	static class GrpcServerConfiguration {

		@Bean
		@Lazy
		@ConditionalOnMissingBean
		GrpcServerTransport loopbackFastPathGrpcServerTransport() {
			return new GrpcServerTransport();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.micrometer.core.instrument.binder.grpc.GrpcClientObservationContext",
			"io.grpc.ManagedChannel" })
	static class GrpcClientConfiguration {

		@Bean
		@Lazy
		@ConditionalOnMissingBean
		GrpcClientTransport loopbackFastPathGrpcClientTransport(UnixDomainRouter router) {
			return new GrpcClientTransport(router);
		}

	}

}
