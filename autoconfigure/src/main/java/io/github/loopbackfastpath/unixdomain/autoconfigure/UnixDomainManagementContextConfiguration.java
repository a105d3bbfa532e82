package io.github.loopbackfastpath.unixdomain.autoconfigure;

import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.unixdomain.server.SocketOnly;
import io.github.loopbackfastpath.unixdomain.server.SocketOnlyCustomizer;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import io.github.loopbackfastpath.unixdomain.server.jetty.JettyUnixDomainBinder;
import io.github.loopbackfastpath.unixdomain.server.netty.ConfiguredHttpServers;
import io.github.loopbackfastpath.unixdomain.server.netty.NettyUnixDomainBinder;
import io.github.loopbackfastpath.unixdomain.server.tomcat.TomcatUnixDomainBinder;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The management server on its own port is a second web server in a child context, whose
 * factory takes the child's factory customizers only: the application's
 * {@link ConfiguredHttpServers} customizes a Reactor Netty one there too, so the
 * management port's configured server is kept and published like the main one, and a
 * management server listed in {@code loopback.fast-path.unix-domain.socket-only} listens
 * on its socket only.
 *
 * @author Loopback Fast Path contributors
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnBean(SocketPublisher.class)
public final class UnixDomainManagementContextConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TomcatWebServerFactory.class)
	@ConditionalOnBean(TomcatUnixDomainBinder.class)
	static class TomcatConfiguration {

		@Bean
		SocketOnlyCustomizer<TomcatWebServerFactory> loopbackFastPathManagementTomcatSocketOnly(
				UnixDomainProperties properties, ObjectProvider<SocketPublisher> publisher,
				ObjectProvider<TomcatUnixDomainBinder> binder) {
			return new SocketOnlyCustomizer<>(properties.getSocketOnly(), SocketOnly.MANAGEMENT,
					TomcatWebServerFactory.class, Components.TOMCAT, publisher::getObject,
					(factory, socket) -> binder.getObject().socketOnly(factory, socket));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JettyWebServerFactory.class)
	@ConditionalOnBean(JettyUnixDomainBinder.class)
	static class JettyConfiguration {

		@Bean
		SocketOnlyCustomizer<JettyWebServerFactory> loopbackFastPathManagementJettySocketOnly(
				UnixDomainProperties properties, ObjectProvider<SocketPublisher> publisher,
				ObjectProvider<JettyUnixDomainBinder> binder) {
			return new SocketOnlyCustomizer<>(properties.getSocketOnly(), SocketOnly.MANAGEMENT,
					JettyWebServerFactory.class, Components.JETTY, publisher::getObject,
					(factory, socket) -> binder.getObject().socketOnly(factory, socket));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HttpServer.class, NettyReactiveWebServerFactory.class })
	@ConditionalOnBean(ConfiguredHttpServers.class)
	static class ReactorNettyConfiguration {

		@Bean
		WebServerFactoryCustomizer<NettyReactiveWebServerFactory> loopbackFastPathManagementConfiguredHttpServers(
				ConfiguredHttpServers servers) {
			return servers::customize;
		}

		@Bean
		SocketOnlyCustomizer<NettyReactiveWebServerFactory> loopbackFastPathManagementNettySocketOnly(
				UnixDomainProperties properties, ObjectProvider<SocketPublisher> publisher,
				ObjectProvider<NettyUnixDomainBinder> binder) {
			return new SocketOnlyCustomizer<>(properties.getSocketOnly(), SocketOnly.MANAGEMENT,
					NettyReactiveWebServerFactory.class, Components.REACTOR_NETTY, publisher::getObject,
					(factory, socket) -> binder.getObject().socketOnly(factory, socket));
		}

	}

}
