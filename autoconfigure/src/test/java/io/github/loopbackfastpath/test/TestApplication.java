package io.github.loopbackfastpath.test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The smallest application a user would write: auto-configuration and two endpoints.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
public class TestApplication {

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

	@PostMapping("/echo")
	byte[] echo(@RequestBody byte[] body) {
		return body;
	}

}
