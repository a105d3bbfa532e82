package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.engine.LoopbackFastPath;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Import;

/**
 * The management server on its own port ({@code management.server.port}) is a second web
 * server in a child context, with customizers of its own: the same hooks are configured
 * there, reporting to the application's engine. The application context's listener check
 * sees the child's server too, as its events reach the parent.
 *
 * @author Loopback Fast Path contributors
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnBooleanProperty(PropertyNames.ENABLED)
@ConditionalOnBean(LoopbackFastPath.class)
@Import({ ServerHookConfigurations.TomcatHook.class, ServerHookConfigurations.JettyHook.class,
		ServerHookConfigurations.ReactorNettyHook.class })
public final class LoopbackFastPathManagementContextConfiguration {

}
