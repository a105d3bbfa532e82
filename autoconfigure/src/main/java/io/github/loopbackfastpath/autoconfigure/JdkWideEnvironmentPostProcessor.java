package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.jdk.JdkFastLoopback;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Turns on the JDK's own switch for {@code loopback.fast-path.jdk-wide}: as soon as the
 * application's configuration is read, before Spring Boot creates a single socket (the
 * web server, clients and connection pools all come later). Whether it came in time is
 * reported on the endpoint.
 *
 * @author Loopback Fast Path contributors
 */
class JdkWideEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		boolean enabled = binder.bind(PropertyNames.ENABLED, Boolean.class).orElse(false);
		boolean jdkWide = binder.bind(PropertyNames.JDK_WIDE, Boolean.class).orElse(false);
		if (enabled && jdkWide) {
			JdkFastLoopback.enable();
		}
	}

	@Override
	public int getOrder() {
		// After the application's configuration files are read
		return Ordered.LOWEST_PRECEDENCE;
	}

}
