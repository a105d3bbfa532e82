package io.github.loopbackfastpath.sample;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls the application's own endpoint over loopback with a {@link WebClient} (Reactor
 * Netty) and a {@link RestClient} (Apache HttpClient 5), once when the application is ready
 * and then every 30 seconds, so that the fast path report shows client sockets beside the
 * listener.
 *
 * @author Loopback Fast Path contributors
 */
@Component
class SelfCaller {

	private static final Log logger = LogFactory.getLog(SelfCaller.class);

	private final WebClient webClient;

	private final RestClient restClient;

	private final WebServerApplicationContext context;

	SelfCaller(WebClient.Builder webClient, RestClient.Builder restClient, WebServerApplicationContext context) {
		this.webClient = webClient.build();
		this.restClient = restClient.build();
		this.context = context;
	}

	@EventListener(ApplicationReadyEvent.class)
	void callOnceReady() {
		call();
	}

	@Scheduled(initialDelay = 30_000, fixedDelay = 30_000)
	void callPeriodically() {
		call();
	}

	/**
	 * Call the greeting endpoint with both clients.
	 * @return what each client received
	 */
	Map<String, String> call() {
		String url = "http://127.0.0.1:" + this.context.getWebServer().getPort() + "/greeting";
		Map<String, String> results = new LinkedHashMap<>();
		try {
			results.put("webClient", this.webClient.get().uri(url).retrieve().bodyToMono(String.class)
				.block(Duration.ofSeconds(10)));
			results.put("restClient", this.restClient.get().uri(url).retrieve().body(String.class));
		}
		catch (RuntimeException ex) {
			logger.warn("Calling " + url + " failed: " + ex);
			results.put("error", ex.toString());
		}
		return results;
	}

}
