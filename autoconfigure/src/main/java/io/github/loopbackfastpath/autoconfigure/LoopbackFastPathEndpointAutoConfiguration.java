package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.actuate.LoopbackFastPathEndpoint;
import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} of the {@code loopbackfastpath} Actuator
 * endpoint. Like every endpoint but health, it is reachable over HTTP only when the
 * application exposes it.
 *
 * @author Loopback Fast Path contributors
 */
@AutoConfiguration(after = LoopbackFastPathAutoConfiguration.class,
		afterName = "io.github.loopbackfastpath.unixdomain.autoconfigure.UnixDomainServerAutoConfiguration")
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnBean(SocketRegistry.class)
@ConditionalOnAvailableEndpoint(LoopbackFastPathEndpoint.class)
public final class LoopbackFastPathEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LoopbackFastPathEndpoint loopbackFastPathEndpoint(ObjectProvider<FastPathEngine> engine, SocketRegistry registry,
			LoopbackFastPathProperties properties, ObjectProvider<SocketPublisher> unixDomain) {
		return new LoopbackFastPathEndpoint(engine::getIfAvailable, registry, properties.isEnabled(),
				unixDomain.getIfAvailable());
	}

}
