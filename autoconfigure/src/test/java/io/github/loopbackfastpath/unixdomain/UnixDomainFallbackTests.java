package io.github.loopbackfastpath.unixdomain;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.unixdomain.client.httpclient5.UnixDomainRouting;
import io.github.loopbackfastpath.unixdomain.client.jetty.UnixDomainSocketAddressResolver;
import io.github.loopbackfastpath.unixdomain.client.reactor.UnixDomainConnectionProvider;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.eclipse.jetty.client.StringRequestContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the clients do when an AF_UNIX socket they trusted fails: before the request was
 * written, the request goes over TCP; after, it fails as over TCP and is never sent
 * twice. A real TCP server counts what reaches it.
 */
@EnabledOnOs(value = { OS.LINUX, OS.MAC }, disabledReason = "AF_UNIX sockets of the JDK on a POSIX file system")
class UnixDomainFallbackTests {

	@TempDir
	Path temp;

	private final AtomicInteger tcpRequests = new AtomicInteger();

	private DisposableServer tcp;

	private Path socket;

	private SameHostMode sockets;

	@BeforeEach
	void startTcpServer() throws IOException {
		this.tcp = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			this.tcpRequests.incrementAndGet();
			return response.sendString(Mono.just("tcp"));
		}).bindNow();
		Path directory = Files.createDirectory(this.temp.resolve("sockets"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		this.socket = directory.resolve(this.tcp.port() + ".sock");
		this.sockets = new SameHostMode(directory, new SocketRegistry(16));
	}

	@AfterEach
	void stopTcpServer() {
		this.tcp.disposeNow();
	}

	@Test
	void webClientSendsOverTcpWhenTheTrustedSocketRefusesTheConnection() throws IOException {
		trustThenCrash();
		assertThat(webClient().get().uri(url()).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10)))
			.isEqualTo("tcp");
		assertThat(this.tcpRequests).hasValue(1);
	}

	@Test
	void httpClient5SendsOverTcpWhenTheTrustedSocketRefusesTheConnection() throws Exception {
		assumeTrue(UnixDomainRouting.isSupported(), "HttpClient 5.6 or later");
		trustThenCrash();
		try (CloseableHttpClient client = httpClient5()) {
			String body = client.execute(new HttpGet(url()), (response) -> EntityUtils.toString(response.getEntity()));
			assertThat(body).isEqualTo("tcp");
		}
		assertThat(this.tcpRequests).hasValue(1);
	}

	@Test
	void restClientOnReactorNettySendsOverTcpWhenTheTrustedSocketRefusesTheConnection() throws IOException {
		trustThenCrash();
		assertThat(restClientOnReactorNetty().post().uri(url()).body("x").retrieve().body(String.class))
			.isEqualTo("tcp");
		assertThat(this.tcpRequests).hasValue(1);
	}

	@Test
	void restClientOnReactorNettyNeverSendsARequestTwiceWhenTheSocketFailsAfterTheRequestWasWritten() throws Exception {
		try (HangUp hangUp = new HangUp(this.socket)) {
			assertThatException()
				.isThrownBy(() -> restClientOnReactorNetty().post().uri(url()).body("x").retrieve().body(String.class));
			assertThat(hangUp.requests).hasValue(1);
		}
		assertThat(this.tcpRequests).hasValue(0);
	}

	@Test
	void webClientNeverSendsARequestTwiceWhenTheSocketFailsAfterTheRequestWasWritten() throws Exception {
		try (HangUp hangUp = new HangUp(this.socket)) {
			assertThatException().isThrownBy(() -> webClient().get()
				.uri(url())
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(10)));
			assertThat(hangUp.requests).hasValue(1);
		}
		assertThat(this.tcpRequests).hasValue(0);
	}

	@Test
	void httpClient5NeverSendsARequestTwiceWhenTheSocketFailsAfterTheRequestWasWritten() throws Exception {
		assumeTrue(UnixDomainRouting.isSupported(), "HttpClient 5.6 or later");
		try (HangUp hangUp = new HangUp(this.socket); CloseableHttpClient client = httpClient5()) {
			// POST: not idempotent, so HttpClient's own retry leaves it alone too
			assertThatException()
				.isThrownBy(() -> client.execute(new org.apache.hc.client5.http.classic.methods.HttpPost(url()),
						(response) -> response.getCode()));
			assertThat(hangUp.requests).hasValue(1);
		}
		assertThat(this.tcpRequests).hasValue(0);
	}

	@Test
	void jettyClientSendsOverTcpWhenTheTrustedSocketRefusesTheConnection() throws Exception {
		trustThenCrash();
		org.eclipse.jetty.client.HttpClient client = jettyClient();
		try {
			assertThat(client.POST(url()).body(new StringRequestContent("x")).send().getContentAsString())
				.isEqualTo("tcp");
		}
		finally {
			client.stop();
		}
		assertThat(this.tcpRequests).hasValue(1);
	}

	@Test
	void jettyClientNeverSendsARequestTwiceWhenTheSocketFailsAfterTheRequestWasWritten() throws Exception {
		org.eclipse.jetty.client.HttpClient client = jettyClient();
		try (HangUp hangUp = new HangUp(this.socket)) {
			assertThatException().isThrownBy(() -> client.POST(url()).body(new StringRequestContent("x")).send());
			assertThat(hangUp.requests).hasValue(1);
		}
		finally {
			client.stop();
		}
		assertThat(this.tcpRequests).hasValue(0);
	}

	private org.eclipse.jetty.client.HttpClient jettyClient() throws Exception {
		org.eclipse.jetty.client.HttpClient client = new org.eclipse.jetty.client.HttpClient();
		UnixDomainSocketAddressResolver.apply(client, this.sockets.router(), this.sockets.connections());
		client.start();
		return client;
	}

	private String url() {
		return "http://127.0.0.1:" + this.tcp.port() + "/";
	}

	private WebClient webClient() {
		return WebClient.builder().clientConnector(new ReactorClientHttpConnector(reactorNetty())).build();
	}

	private RestClient restClientOnReactorNetty() {
		return RestClient.builder().requestFactory(new ReactorClientHttpRequestFactory(reactorNetty())).build();
	}

	private HttpClient reactorNetty() {
		return HttpClient.create(new UnixDomainConnectionProvider(HttpResources.get(), this.sockets.router(),
				this.sockets.connections()));
	}

	private CloseableHttpClient httpClient5() {
		HttpClientBuilder builder = HttpClientBuilder.create();
		new UnixDomainRouting(this.sockets.router(), this.sockets.connections()).apply(builder);
		return builder.build();
	}

	// A process of this user listened, was trusted, and died leaving its socket file
	private void trustThenCrash() throws IOException {
		try (ServerSocketChannel crashing = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			crashing.bind(UnixDomainSocketAddress.of(this.socket));
			assertThat(this.sockets.route("127.0.0.1", this.tcp.port())).isEqualTo(this.socket);
		}
		assertThat(this.socket).exists();
	}

	/**
	 * Accepts on the socket, reads one request and hangs up without answering.
	 */
	private static final class HangUp implements AutoCloseable {

		private final ServerSocketChannel channel;

		private final AtomicInteger requests = new AtomicInteger();

		HangUp(Path socket) throws IOException {
			this.channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
			this.channel.bind(UnixDomainSocketAddress.of(socket));
			Thread thread = new Thread(this::serve, "hang-up");
			thread.setDaemon(true);
			thread.start();
		}

		private void serve() {
			while (this.channel.isOpen()) {
				try (SocketChannel connection = this.channel.accept()) {
					ByteBuffer buffer = ByteBuffer.allocate(8192);
					if (connection.read(buffer) > 0) {
						this.requests.incrementAndGet();
					}
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.channel.close();
		}

	}

}
