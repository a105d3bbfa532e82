package io.github.loopbackfastpath.sample;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application's own endpoints.
 *
 * @author Loopback Fast Path contributors
 */
@RestController
@ConditionalOnWebApplication
class GreetingController {

	private final SelfCaller selfCaller;

	GreetingController(SelfCaller selfCaller) {
		this.selfCaller = selfCaller;
	}

	/**
	 * Call {@code /greeting} now with the WebClient and the RestClient.
	 * @return what each client received
	 */
	@GetMapping("/self-call")
	Mono<Map<String, String>> selfCall() {
		return this.selfCaller.call();
	}

	@GetMapping("/greeting")
	Map<String, String> greeting() {
		return Map.of("message", "Hello over loopback");
	}

}
