package io.github.loopbackfastpath.sample;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.grpc.ManagedChannel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
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
 * Netty) and, in a servlet application, a {@link RestClient} (Apache HttpClient 5), and
 * its own gRPC service through a channel from Spring Boot's channel factory, once when
 * the application is ready and then every 30 seconds, so that the fast path report shows
 * client sockets beside the listeners.
 *
 * @author Loopback Fast Path contributors
 */
@Component
@ConditionalOnWebApplication
class SelfCaller {

	private static final Log logger = LogFactory.getLog(SelfCaller.class);

	private final WebClient webClient;

	private final @Nullable RestClient restClient;

	private final GreeterChannel greeter;

	private final WebServerApplicationContext context;

	SelfCaller(WebClient.Builder webClient, ObjectProvider<RestClient.Builder> restClient, GreeterChannel greeter,
			WebServerApplicationContext context) {
		this.webClient = webClient.build();
		// Spring Boot builds no RestClient in a reactive application
		RestClient.Builder builder = restClient.getIfAvailable();
		this.restClient = (builder != null) ? builder.build() : null;
		this.greeter = greeter;
		this.context = context;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(0)
	void callOnceReady() {
		call().block(Duration.ofSeconds(30));
	}

	@Scheduled(initialDelayString = "${sample.self-call.interval:30s}",
			fixedDelayString = "${sample.self-call.interval:30s}")
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
		Map<String, Mono<String>> calls = new LinkedHashMap<>();
		calls.put("webClient", this.webClient.get().uri(url).retrieve().bodyToMono(String.class));
		RestClient restClient = this.restClient;
		if (restClient != null) {
			calls.put("restClient", blocking(() -> restClient.get().uri(url).retrieve().body(String.class)));
		}
		ManagedChannel grpc = this.greeter.channel();
		if (grpc != null) {
			calls.put("grpc", blocking(() -> Greeter.greet(grpc, "self")));
		}
		return Flux.fromIterable(calls.entrySet())
			.concatMap((call) -> call.getValue().map((result) -> Map.entry(call.getKey(), result)))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap<String, String>::new)
			.onErrorResume((ex) -> {
				logger.warn("Calling the application itself failed: " + ex);
				return Mono.just(Map.of("error", ex.toString()));
			});
	}

	private static Mono<String> blocking(Callable<String> call) {
		return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
	}

}
