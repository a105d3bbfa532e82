package io.github.loopbackfastpath.unixdomain.autoconfigure;

import io.github.loopbackfastpath.unixdomain.server.netty.ConfiguredHttpServers;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The management server on its own port is a second web server in a child context, whose
 * Reactor Netty factory takes the child's factory customizers only: the application's
 * {@link ConfiguredHttpServers} customizes it there too, so the management port's
 * configured server is kept and published like the main one.
 *
 * @author Loopback Fast Path contributors
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnClass({ HttpServer.class, NettyReactiveWebServerFactory.class })
@ConditionalOnBean(ConfiguredHttpServers.class)
public final class UnixDomainManagementContextConfiguration {

	@Bean
	WebServerFactoryCustomizer<NettyReactiveWebServerFactory> loopbackFastPathManagementConfiguredHttpServers(
			ConfiguredHttpServers servers) {
		return servers::customize;
	}

}
