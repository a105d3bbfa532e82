package io.github.loopbackfastpath.unixdomain.autoconfigure;

import io.github.loopbackfastpath.unixdomain.netty.ConfiguredHttpServers;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The management server on its own port is a second web server in a child context, whose
 * Reactor Netty factory applies the child's customizers only: the application's
 * {@link ConfiguredHttpServers} is registered there too, so the management port's
 * configured server is kept and published like the main one.
 *
 * @author Loopback Fast Path contributors
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnClass({ HttpServer.class, NettyServerCustomizer.class })
@ConditionalOnBean(ConfiguredHttpServers.class)
public final class UnixDomainManagementContextConfiguration {

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	NettyServerCustomizer loopbackFastPathManagementConfiguredHttpServers(ConfiguredHttpServers servers) {
		return servers::apply;
	}

}
