package io.github.loopbackfastpath.unixdomain;

import java.time.Duration;

import io.github.loopbackfastpath.test.EchoGrpc;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application whose requests take four seconds on its server and its management
 * server, and two on its gRPC server, for the graceful shutdown tests: started in a JVM
 * of its own and stopped with SIGTERM. The HTTP requests outlast the gRPC call, so that
 * they are still in flight when the gRPC server's drain no longer holds the shutdown up.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ ShutdownApplication.Servlet.class, ShutdownApplication.Reactive.class })
public class ShutdownApplication {

	static final Duration SLOW = Duration.ofSeconds(4);

	static final Duration SLOW_GRPC = SLOW.dividedBy(2);

	static final String IN_FLIGHT = "In flight: ";

	public static void main(String[] args) {
		SpringApplication.run(ShutdownApplication.class, args);
	}

	@Bean
	SlowEndpoint slowEndpoint() {
		return new SlowEndpoint();
	}

	@Bean
	BindableService slowGrpc() {
		return () -> ServerServiceDefinition.builder("test.Slow")
			.addMethod(EchoGrpc.ECHO.toBuilder().setFullMethodName("test.Slow/Slow").build(),
					ServerCalls.asyncUnaryCall((request, response) -> {
						sleep("gRPC", SLOW_GRPC);
						response.onNext("done");
						response.onCompleted();
					}))
			.build();
	}

	// A request is in flight from here: the test sends SIGTERM once the log shows all
	// three
	static void sleep(String what, Duration duration) {
		inFlight(what);
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void inFlight(String what) {
		System.out.println(IN_FLIGHT + what);
	}

	@WebEndpoint(id = "slow")
	static class SlowEndpoint {

		@ReadOperation
		String slow() {
			sleep("management", SLOW);
			return "done";
		}

	}

	@RestController
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class Servlet {

		@GetMapping("/slow")
		String slow() {
			sleep("server", SLOW);
			return "done";
		}

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

	@RestController
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class Reactive {

		@GetMapping("/slow")
		Mono<String> slow() {
			return Mono.defer(() -> {
				inFlight("server");
				return Mono.delay(SLOW).thenReturn("done");
			});
		}

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

}
