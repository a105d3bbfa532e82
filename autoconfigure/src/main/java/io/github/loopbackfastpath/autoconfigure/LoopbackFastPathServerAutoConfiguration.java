package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.server.jetty.JettyConnectorCoverage;
import io.github.loopbackfastpath.server.jetty.JettyFastPathCustomizer;
import io.github.loopbackfastpath.server.netty.NettyServerFastPathCustomizer;
import io.github.loopbackfastpath.server.tomcat.TomcatConnectorCoverage;
import io.github.loopbackfastpath.server.tomcat.TomcatFastPathCustomizer;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * {@link AutoConfiguration Auto-configuration} of the listening sockets of the embedded web
 * server, one nested configuration per server library. Each hook requests the fast path as
 * early as its server allows, and never later than the first accept.
 *
 * @author Loopback Fast Path contributors
 */
@AutoConfiguration(after = LoopbackFastPathAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(LoopbackFastPathAutoConfiguration.ENABLED_PROPERTY)
@ConditionalOnBooleanProperty(name = "loopback.fast-path.server.enabled", matchIfMissing = true)
@ConditionalOnBean(LoopbackFastPath.class)
public final class LoopbackFastPathServerAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, TomcatWebServerFactory.class })
	static class TomcatConfiguration {

		@Bean
		TomcatFastPathCustomizer loopbackFastPathTomcatCustomizer(LoopbackFastPath fastPath) {
			return new TomcatFastPathCustomizer(fastPath);
		}

		@Bean
		TomcatConnectorCoverage loopbackFastPathTomcatConnectorCoverage(LoopbackFastPath fastPath) {
			return new TomcatConnectorCoverage(fastPath);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Server.class, JettyWebServerFactory.class })
	static class JettyConfiguration {

		@Bean
		JettyFastPathCustomizer loopbackFastPathJettyCustomizer(LoopbackFastPath fastPath) {
			return new JettyFastPathCustomizer(fastPath);
		}

		@Bean
		JettyConnectorCoverage loopbackFastPathJettyConnectorCoverage(LoopbackFastPath fastPath) {
			return new JettyConnectorCoverage(fastPath);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ reactor.netty.http.server.HttpServer.class, NettyReactiveWebServerFactory.class })
	static class ReactorNettyConfiguration {

		@Bean
		NettyServerFastPathCustomizer loopbackFastPathNettyServerCustomizer(LoopbackFastPath fastPath,
				ObjectProvider<ReactorResourceFactory> resourceFactory) {
			return new NettyServerFastPathCustomizer(fastPath, resourceFactory);
		}

	}

}
