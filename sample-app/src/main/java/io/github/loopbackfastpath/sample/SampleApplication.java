package io.github.loopbackfastpath.sample;

import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.SpringApplication;
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
			// The report lists the sockets' statuses; one log line per bench socket would
			// drown it. The web server and the gRPC server stay (the HTTP and gRPC
			// workloads call them); no periodic self-call runs beside the bench
			application.setDefaultProperties(
					Map.of("logging.level.io.github.loopbackfastpath", "warn", "sample.self-call.interval", "1h"));
		}
		application.run(args);
	}

}
