package io.github.loopbackfastpath.sample.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.client.ClientConnections;
import io.github.loopbackfastpath.unixdomain.client.httpclient5.UnixDomainRouting;
import io.github.loopbackfastpath.unixdomain.client.reactor.UnixDomainConnectionProvider;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

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
 * starter's same-host routing. The clients of every mode are built alike; only the
 * routing differs. Every round builds each mode's clients afresh, with a connection pool
 * of their own, and opens its connection with one request that is not timed: a kept-alive
 * connection's latency depends on where it landed (which event loop, which core), so each
 * round draws a new one and the rounds' spread, hence the interval, includes that chance.
 * Clients kept for the whole run would fix it once per mode and the A/A line would share
 * the baseline's connection.
 *
 * @author Loopback Fast Path contributors
 */
final class HttpBench {

	private final URI echo;

	private final @Nullable UnixDomainRouter sockets;

	private final @Nullable ClientConnections connections;

	HttpBench(int port, @Nullable UnixDomainRouter sockets, @Nullable ClientConnections connections) {
		this.echo = URI.create("http://127.0.0.1:" + port + "/bench/echo");
		this.sockets = sockets;
		this.connections = connections;
	}

	static List<Mode> modes(@Nullable SocketPublisher sockets) {
		return (sockets != null && sockets.unavailable() == null && !sockets.published().isEmpty())
				? List.of(Mode.TCP, Mode.TCP_AGAIN, Mode.UNIX_DOMAIN) : List.of(Mode.TCP, Mode.TCP_AGAIN);
	}

	/**
	 * One request/response workload through one client. A round opens every mode's
	 * clients, then runs the requests in blocks that alternate between the modes (about
	 * {@value BenchLane#BLOCKS} blocks each, the first mode rotating), so that the modes
	 * compared in a round ran milliseconds apart rather than one after the other, and
	 * what else the machine did at the time weighs on all alike.
	 * @param client {@code webclient} or {@code restclient}
	 * @param payload bytes sent and echoed
	 * @param operations requests per mode and round
	 * @param connectionPerRequest whether every request opens its own connection
	 * @return the workload's round
	 */
	Round workload(String client, int payload, int operations, boolean connectionPerRequest) {
		byte[] body = new byte[payload];
		Arrays.fill(body, (byte) 'x');
		// A connection per request is counted in connections, as for the JDK channels
		return BenchLane.interleaved(operations, connectionPerRequest ? 0 : 2L * payload * operations,
				(mode) -> new Lane(mode, "webclient".equals(client), body, connectionPerRequest));
	}

	private static void connection(HttpHeaders headers, boolean close) {
		if (close) {
			headers.setConnection("close");
		}
	}

	@FunctionalInterface
	private interface Exchange {

		byte @Nullable [] send(byte[] body, boolean close);

	}

	/**
	 * One mode's part of a round: its clients, with connection pools of their own, and
	 * what its requests measured.
	 */
	private final class Lane extends BenchLane {

		private final byte[] body;

		private final boolean close;

		private final ConnectionProvider connections;

		private final CloseableHttpClient httpClient;

		private final WebClient webClient;

		private final RestClient restClient;

		private final Exchange exchange;

		Lane(Mode mode, boolean webClient, byte[] body, boolean close) {
			super(mode);
			this.body = body;
			this.close = close;
			this.connections = ConnectionProvider.create("loopback-bench");
			HttpClientBuilder builder = HttpClientBuilder.create();
			UnixDomainRouter sockets = HttpBench.this.sockets;
			ClientConnections records = HttpBench.this.connections;
			ConnectionProvider provider = this.connections;
			if (mode == Mode.UNIX_DOMAIN && sockets != null && records != null) {
				provider = new UnixDomainConnectionProvider(provider, sockets, records);
				new UnixDomainRouting(sockets, records).apply(builder);
			}
			ClientHttpConnector connector = new ReactorClientHttpConnector(HttpClient.create(provider));
			this.httpClient = builder.build();
			this.webClient = WebClient.builder()
				.clientConnector(connector)
				.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
				.build();
			this.restClient = RestClient.builder()
				.requestFactory(new HttpComponentsClientHttpRequestFactory(this.httpClient))
				.build();
			this.exchange = webClient ? this::viaWebClient : this::viaRestClient;
		}

		@Override
		void call() throws IOException {
			byte[] echoed = this.exchange.send(this.body, this.close);
			if (echoed == null || echoed.length != this.body.length) {
				throw new IOException("The echo came back with " + ((echoed != null) ? echoed.length : 0)
						+ " bytes instead of " + this.body.length);
			}
		}

		byte @Nullable [] viaWebClient(byte[] body, boolean close) {
			return this.webClient.post()
				.uri(HttpBench.this.echo)
				.headers((headers) -> connection(headers, close))
				.bodyValue(body)
				.retrieve()
				.bodyToMono(byte[].class)
				.block(Duration.ofSeconds(30));
		}

		byte @Nullable [] viaRestClient(byte[] body, boolean close) {
			return this.restClient.post()
				.uri(HttpBench.this.echo)
				.headers((headers) -> connection(headers, close))
				.body(body)
				.retrieve()
				.body(byte[].class);
		}

		@Override
		public void close() throws IOException {
			try {
				this.httpClient.close();
			}
			finally {
				this.connections.disposeLater().block(Duration.ofSeconds(30));
			}
		}

	}

}
