package io.github.loopbackfastpath.unixdomain;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Two applications for the same-host mode's tests, one per web stack: each answers
 * {@code /hello} and calls {@code http://127.0.0.1:<port>/hello} with the client Spring
 * Boot builds for it ({@code RestClient} on the servlet stack, {@code WebClient} on the
 * reactive one), at {@code /call?port=} or from the test through {@link Caller}.
 */
public final class SelfCallingApplications {

	private static final String HELLO = "http://127.0.0.1:{port}/hello";

	private SelfCallingApplications() {
	}

	/**
	 * Calls a URL with the application's own client.
	 */
	public interface Caller {

		/**
		 * Call a URL.
		 * @param url the URL
		 * @return the body
		 */
		String call(String url);

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	public static class Servlet implements Caller {

		private final RestClient client;

		Servlet(RestClient.Builder client) {
			this.client = client.build();
		}

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@GetMapping("/call")
		String call(@RequestParam int port) {
			return this.client.get().uri(HELLO, port).retrieve().body(String.class);
		}

		@Override
		public String call(String url) {
			return this.client.get().uri(url).retrieve().body(String.class);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	public static class Reactive implements Caller {

		private final WebClient client;

		Reactive(WebClient.Builder client) {
			this.client = client.build();
		}

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@GetMapping("/call")
		Mono<String> call(@RequestParam int port) {
			return this.client.get().uri(HELLO, port).retrieve().bodyToMono(String.class);
		}

		@Override
		public String call(String url) {
			return this.client.get().uri(url).retrieve().bodyToMono(String.class).block();
		}

	}

}
