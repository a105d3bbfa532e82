package io.github.loopbackfastpath.sample;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.loopbackfastpath.client.httpclient5.UnixDomainRouting;
import io.github.loopbackfastpath.client.reactor.UnixDomainRoutingConnector;
import io.github.loopbackfastpath.sample.LoopbackBench.Mode;
import io.github.loopbackfastpath.sample.LoopbackBench.Result;
import io.github.loopbackfastpath.unixdomain.UnixDomainSockets;
import org.HdrHistogram.Histogram;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The bench's HTTP workloads: the application's own server, called at
 * {@code http://127.0.0.1:<port>/bench/echo} through WebClient (Reactor Netty) and
 * RestClient (Apache HttpClient 5), over TCP or, in the {@code AF_UNIX} mode, through the
 * starter's same-host routing. The clients of every mode are built alike from the same
 * settings; only the routing differs.
 *
 * @author Loopback Fast Path contributors
 */
final class HttpBench implements AutoCloseable {

	private final URI echo;

	private final Map<Mode, WebClient> webClients = new EnumMap<>(Mode.class);

	private final Map<Mode, RestClient> restClients = new EnumMap<>(Mode.class);

	private final List<CloseableHttpClient> httpClients = new java.util.ArrayList<>();

	HttpBench(int port, @Nullable UnixDomainSockets sockets) {
		this.echo = URI.create("http://127.0.0.1:" + port + "/bench/echo");
		for (Mode mode : modes(sockets)) {
			HttpClient reactor = HttpClient.create();
			ClientHttpConnector connector = new ReactorClientHttpConnector(reactor);
			HttpClientBuilder builder = HttpClientBuilder.create();
			if (mode == Mode.UNIX_DOMAIN && sockets != null) {
				connector = new UnixDomainRoutingConnector(connector, reactor, sockets);
				new UnixDomainRouting(sockets).apply(builder);
			}
			CloseableHttpClient httpClient = builder.build();
			this.httpClients.add(httpClient);
			this.webClients.put(mode,
					WebClient.builder()
						.clientConnector(connector)
						.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
						.build());
			this.restClients.put(mode,
					RestClient.builder()
						.requestFactory(new HttpComponentsClientHttpRequestFactory(httpClient))
						.build());
		}
	}

	static List<Mode> modes(@Nullable UnixDomainSockets sockets) {
		return (sockets != null && sockets.unavailable() == null && !sockets.published().isEmpty())
				? List.of(Mode.TCP, Mode.TCP_AGAIN, Mode.UNIX_DOMAIN) : List.of(Mode.TCP, Mode.TCP_AGAIN);
	}

	/**
	 * One request/response workload through one client.
	 * @param client {@code webclient} or {@code restclient}
	 * @param payload bytes sent and echoed
	 * @param operations requests per run
	 * @param connectionPerRequest whether every request opens its own connection
	 * @return the workload
	 */
	LoopbackBench.Workload workload(String client, int payload, int operations, boolean connectionPerRequest) {
		byte[] body = new byte[payload];
		Arrays.fill(body, (byte) 'x');
		return (mode) -> {
			Histogram histogram = new Histogram(3);
			long start = System.nanoTime();
			for (int i = 0; i < operations; i++) {
				long begin = System.nanoTime();
				byte[] echoed = "webclient".equals(client) ? viaWebClient(mode, body, connectionPerRequest)
						: viaRestClient(mode, body, connectionPerRequest);
				if (echoed == null || echoed.length != payload) {
					throw new IOException("The echo came back with " + ((echoed != null) ? echoed.length : 0)
							+ " bytes instead of " + payload);
				}
				histogram.recordValue((System.nanoTime() - begin) / 1000);
			}
			return new Result(histogram, System.nanoTime() - start, operations, 2L * payload * operations);
		};
	}

	private byte @Nullable [] viaWebClient(Mode mode, byte[] body, boolean close) {
		return this.webClients.get(mode)
			.post()
			.uri(this.echo)
			.headers((headers) -> connection(headers, close))
			.bodyValue(body)
			.retrieve()
			.bodyToMono(byte[].class)
			.block(Duration.ofSeconds(30));
	}

	private byte @Nullable [] viaRestClient(Mode mode, byte[] body, boolean close) {
		return this.restClients.get(mode)
			.post()
			.uri(this.echo)
			.headers((headers) -> connection(headers, close))
			.body(body)
			.retrieve()
			.body(byte[].class);
	}

	private static void connection(HttpHeaders headers, boolean close) {
		if (close) {
			headers.setConnection("close");
		}
	}

	@Override
	public void close() throws IOException {
		for (CloseableHttpClient client : this.httpClients) {
			client.close();
		}
	}

}
