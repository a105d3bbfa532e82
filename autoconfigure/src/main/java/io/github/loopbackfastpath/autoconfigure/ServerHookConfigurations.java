package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.netty.NettyRuntimeHints;
import io.github.loopbackfastpath.server.jetty.JettyFastPathCustomizer;
import io.github.loopbackfastpath.server.netty.NettyServerFastPathCustomizer;
import io.github.loopbackfastpath.server.tomcat.TomcatFastPathCustomizer;
import io.github.loopbackfastpath.server.tomcat.TomcatRuntimeHints;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The web server hooks, one configuration per server library, imported by
 * {@link LoopbackFastPathServerAutoConfiguration} for the application's server and by
 * {@link LoopbackFastPathManagementContextConfiguration} for a management server on its
 * own port. Each context needs customizers of its own, so beans are looked for in the
 * current context only.
 *
 * @author Loopback Fast Path contributors
 */
final class ServerHookConfigurations {

	private ServerHookConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, TomcatWebServerFactory.class })
	@ConditionalOnBooleanProperty(name = PropertyNames.SERVER_ENABLED, matchIfMissing = true)
	@ImportRuntimeHints(TomcatRuntimeHints.class)
	static class TomcatHook {

		@Bean
		@ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
		TomcatFastPathCustomizer loopbackFastPathTomcatCustomizer(LoopbackFastPath fastPath) {
			return new TomcatFastPathCustomizer(fastPath);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Server.class, JettyWebServerFactory.class })
	@ConditionalOnBooleanProperty(name = PropertyNames.SERVER_ENABLED, matchIfMissing = true)
	static class JettyHook {

		@Bean
		@ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
		JettyFastPathCustomizer loopbackFastPathJettyCustomizer(LoopbackFastPath fastPath) {
			return new JettyFastPathCustomizer(fastPath);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HttpServer.class, NettyReactiveWebServerFactory.class })
	@ConditionalOnBooleanProperty(name = PropertyNames.SERVER_ENABLED, matchIfMissing = true)
	@ImportRuntimeHints(NettyRuntimeHints.class)
	static class ReactorNettyHook {

		@Bean
		@ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
		NettyServerFastPathCustomizer loopbackFastPathNettyServerCustomizer(LoopbackFastPath fastPath,
				ObjectProvider<ReactorResourceFactory> resourceFactory) {
			return new NettyServerFastPathCustomizer(fastPath, resourceFactory);
		}

	}

}
