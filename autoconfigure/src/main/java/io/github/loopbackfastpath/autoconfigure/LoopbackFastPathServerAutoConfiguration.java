package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.server.tomcat.TomcatFastPathCustomizer;
import org.apache.catalina.startup.Tomcat;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link AutoConfiguration Auto-configuration} of the listening sockets of the embedded web
 * server, one nested configuration per server library.
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

	}

}
