package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.jdk.JdkFastLoopback;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionException;
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
		if (isTrue(environment, PropertyNames.ENABLED) && isTrue(environment, PropertyNames.JDK_WIDE)) {
			JdkFastLoopback.enable();
		}
	}

	// Two switches, read from the environment (whose property sources Spring Boot has
	// attached in their relaxed form) without a binder of their own: one made here would
	// be the application's first, on every start. A value that is not a boolean is left
	// to the properties' binding, which refuses it naming the property
	private static boolean isTrue(ConfigurableEnvironment environment, String name) {
		try {
			return environment.getProperty(name, Boolean.class, false);
		}
		catch (ConversionException ex) {
			return false;
		}
	}

	@Override
	public int getOrder() {
		// After the application's configuration files are read
		return Ordered.LOWEST_PRECEDENCE;
	}

}
