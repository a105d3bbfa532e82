package io.github.loopbackfastpath.sample.bench;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP endpoint the bench's HTTP workloads call: it echoes the request body.
 *
 * @author Loopback Fast Path contributors
 */
@RestController
@ConditionalOnWebApplication
class BenchController {

	/**
	 * Echo the request body.
	 * @param body the body
	 * @return the same bytes
	 */
	@PostMapping("/bench/echo")
	byte[] echo(@RequestBody byte[] body) {
		return body;
	}

}
