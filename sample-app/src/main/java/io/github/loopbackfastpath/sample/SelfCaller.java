package io.github.loopbackfastpath.sample;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls the application's own endpoint over loopback with a {@link WebClient} (Reactor
 * Netty) and, in a servlet application, a {@link RestClient} (Apache HttpClient 5), once
 * when the application is ready and then every 30 seconds, so that the fast path report
 * shows client sockets beside the listener.
 *
 * @author Loopback Fast Path contributors
 */
@Component
@ConditionalOnWebApplication
class SelfCaller {

	private static final Log logger = LogFactory.getLog(SelfCaller.class);

	private final WebClient webClient;

	private final @Nullable RestClient restClient;

	private final WebServerApplicationContext context;

	SelfCaller(WebClient.Builder webClient, ObjectProvider<RestClient.Builder> restClient,
			WebServerApplicationContext context) {
		this.webClient = webClient.build();
		// Spring Boot builds no RestClient in a reactive application
		RestClient.Builder builder = restClient.getIfAvailable();
		this.restClient = (builder != null) ? builder.build() : null;
		this.context = context;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(0)
	void callOnceReady() {
		call().block(Duration.ofSeconds(30));
	}

	@Scheduled(initialDelay = 30_000, fixedDelay = 30_000)
	void callPeriodically() {
		call().block(Duration.ofSeconds(30));
	}

	/**
	 * Call the greeting endpoint with each client. Never blocks the caller's thread, so
	 * it can be returned from a WebFlux handler as well as from a Spring MVC one.
	 * @return what each client received
	 */
	Mono<Map<String, String>> call() {
		String url = "http://127.0.0.1:" + this.context.getWebServer().getPort() + "/greeting";
		Mono<String> viaWebClient = this.webClient.get().uri(url).retrieve().bodyToMono(String.class);
		Mono<String> viaRestClient = (this.restClient != null)
				? Mono.fromCallable(() -> this.restClient.get().uri(url).retrieve().body(String.class))
					.subscribeOn(Schedulers.boundedElastic())
				: Mono.empty();
		return viaWebClient
			.zipWith(viaRestClient.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
			.map((results) -> {
				Map<String, String> body = new LinkedHashMap<>();
				body.put("webClient", results.getT1());
				results.getT2().ifPresent((result) -> body.put("restClient", result));
				return body;
			})
			.onErrorResume((ex) -> {
				logger.warn("Calling " + url + " failed: " + ex);
				return Mono.just(Map.of("error", ex.toString()));
			});
	}

}
