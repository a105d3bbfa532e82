package io.github.loopbackfastpath.sample;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application's own endpoint.
 *
 * @author Loopback Fast Path contributors
 */
@RestController
class GreetingController {

	@GetMapping("/greeting")
	Map<String, String> greeting() {
		return Map.of("message", "Hello over loopback");
	}

}
