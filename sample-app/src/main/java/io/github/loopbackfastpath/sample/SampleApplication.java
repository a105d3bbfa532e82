package io.github.loopbackfastpath.sample;

import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A small web application with the loopback fast path enabled in application.yml. With
 * {@code --bench} it measures the fast path on this machine instead, and exits.
 *
 * @author Loopback Fast Path contributors
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		if (Arrays.asList(args).contains("--bench")) {
			application.setWebApplicationType(WebApplicationType.NONE);
			// The report lists the sockets' statuses; one log line per bench socket would
			// drown it
			// and the bench measures its own sockets only: no gRPC server either
			application.setDefaultProperties(
					Map.of("logging.level.io.github.loopbackfastpath", "warn", "spring.grpc.server.enabled", "false"));
		}
		application.run(args);
	}

}
