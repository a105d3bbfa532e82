package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.server.ListenerCheck;
import io.github.loopbackfastpath.server.WebServerCoverage;
import io.github.loopbackfastpath.server.jetty.JettyConnectorCoverage;
import io.github.loopbackfastpath.server.netty.NettyServerCoverage;
import io.github.loopbackfastpath.server.tomcat.TomcatConnectorCoverage;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@link AutoConfiguration Auto-configuration} of the listening sockets of the embedded
 * web server: the hooks (one configuration per server library, in
 * {@link ServerHookConfigurations}), which request the fast path as early as their server
 * allows and never later than the first accept, and the check that every listener of a
 * started server has a record.
 *
 * @author Loopback Fast Path contributors
 */
@AutoConfiguration(after = LoopbackFastPathAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(PropertyNames.ENABLED)
@ConditionalOnBean(LoopbackFastPath.class)
@Import({ ServerHookConfigurations.TomcatHook.class, ServerHookConfigurations.JettyHook.class,
		ServerHookConfigurations.ReactorNettyHook.class })
public final class LoopbackFastPathServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ListenerCheck loopbackFastPathListenerCheck(LoopbackFastPath fastPath, SocketRegistry registry,
			ObjectProvider<WebServerCoverage> coverages, LoopbackFastPathProperties properties) {
		return new ListenerCheck(fastPath, registry, coverages, properties.isFailOnError());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, TomcatWebServer.class })
	static class TomcatCoverageConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TomcatConnectorCoverage loopbackFastPathTomcatConnectorCoverage(LoopbackFastPath fastPath) {
			return new TomcatConnectorCoverage(fastPath);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Server.class, JettyWebServer.class })
	static class JettyCoverageConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JettyConnectorCoverage loopbackFastPathJettyConnectorCoverage(LoopbackFastPath fastPath) {
			return new JettyConnectorCoverage(fastPath);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HttpServer.class, NettyWebServer.class })
	static class ReactorNettyCoverageConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NettyServerCoverage loopbackFastPathNettyServerCoverage() {
			return new NettyServerCoverage();
		}

	}

}
