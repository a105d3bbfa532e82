package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.server.jetty.JettyFastPathCustomizer;
import io.github.loopbackfastpath.server.netty.NettyServerFastPathCustomizer;
import io.github.loopbackfastpath.server.tomcat.TomcatFastPathCustomizer;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The management server on its own port ({@code management.server.port}) is a second web
 * server in a child context, with customizers of its own: the same hooks are configured
 * there, reporting to the application's engine. The application context's coverage checks
 * see the child's server too, as its events reach the parent.
 *
 * @author Loopback Fast Path contributors
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnBooleanProperty(LoopbackFastPathAutoConfiguration.ENABLED_PROPERTY)
@ConditionalOnBooleanProperty(name = "loopback.fast-path.server.enabled", matchIfMissing = true)
@ConditionalOnBean(LoopbackFastPath.class)
public final class LoopbackFastPathManagementContextConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, TomcatWebServerFactory.class })
	static class TomcatConfiguration {

		@Bean
		TomcatFastPathCustomizer loopbackFastPathManagementTomcatCustomizer(LoopbackFastPath fastPath) {
			return new TomcatFastPathCustomizer(fastPath);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Server.class, JettyWebServerFactory.class })
	static class JettyConfiguration {

		@Bean
		JettyFastPathCustomizer loopbackFastPathManagementJettyCustomizer(LoopbackFastPath fastPath) {
			return new JettyFastPathCustomizer(fastPath);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ reactor.netty.http.server.HttpServer.class, NettyReactiveWebServerFactory.class })
	static class ReactorNettyConfiguration {

		@Bean
		NettyServerFastPathCustomizer loopbackFastPathManagementNettyServerCustomizer(LoopbackFastPath fastPath,
				ObjectProvider<ReactorResourceFactory> resourceFactory) {
			return new NettyServerFastPathCustomizer(fastPath, resourceFactory);
		}

	}

}
