package io.github.loopbackfastpath.unixdomain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import org.apache.hc.core5.http.HttpHost;
import org.eclipse.jetty.client.HttpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.transport.ProxyProvider;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JettyClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request the application sends through a proxy goes to the proxy over TCP, as it would
 * without the same-host mode, even to a loopback port with a published socket: HttpClient
 * 5, Jetty's client and Reactor Netty, each with a proxy set as its users set one. The
 * proxy here records what reaches it and answers it itself.
 */
@EnabledOnOs(value = { OS.LINUX, OS.MAC }, disabledReason = "AF_UNIX sockets of the JDK on a POSIX file system")
class ProxiedRequestsTests {

	static int proxyPort;

	@TempDir
	Path temp;

	private final List<String> proxied = new CopyOnWriteArrayList<>();

	private DisposableServer proxy;

	@BeforeEach
	void startProxy() {
		// Answers every request itself: what a client sends it is what a proxy would get
		this.proxy = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			this.proxied.add(request.method() + " " + request.uri());
			return response.sendString(Mono.just("proxy"));
		}).bindNow();
		proxyPort = this.proxy.port();
	}

	@AfterEach
	void stopProxy() {
		this.proxy.disposeNow();
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aProxiedRequestGoesToTheProxy(Client client) {
		List<String> arguments = new ArrayList<>(client.arguments);
		arguments.addAll(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--loopback.fast-path.unix-domain.enabled=true",
				"--loopback.fast-path.unix-domain.directory=" + this.temp.resolve("sockets")));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(client.application)
			.run(arguments.toArray(String[]::new))) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String url = "http://127.0.0.1:" + port + "/hello";
			try {
				context.getBean(SelfCallingApplications.Caller.class).call(url);
			}
			catch (RuntimeException ex) {
				// Reactor Netty tunnels through an HTTP proxy (CONNECT), which this one
				// answers as a request: what matters is where the request went
			}
			assertThat(this.proxied).anySatisfy((request) -> assertThat(request).contains("127.0.0.1:" + port));
			assertThat(context.getBean(SocketPublisher.class).published().get(port).acceptedConnections()).isZero();
		}
	}

	enum Client {

		HTTPCLIENT5(ServletWithProxy.class, "--spring.http.clients.imperative.factory=http-components"),

		JETTY(ServletWithProxy.class, "--spring.http.clients.imperative.factory=jetty"),

		REACTOR_NETTY(ReactiveWithProxy.class, "--spring.main.web-application-type=reactive",
				"--spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.reactive."
						+ "TomcatReactiveWebServerAutoConfiguration,org.springframework.boot.jetty.autoconfigure."
						+ "reactive.JettyReactiveWebServerAutoConfiguration");

		private final Class<?> application;

		private final List<String> arguments;

		Client(Class<?> application, String... arguments) {
			this.application = application;
			this.arguments = List.of(arguments);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(SelfCallingApplications.Servlet.class)
	static class ServletWithProxy {

		@Bean
		ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> httpClient5Proxy() {
			return (builder) -> builder
				.withHttpClientCustomizer((client) -> client.setProxy(new HttpHost("127.0.0.1", proxyPort)));
		}

		@Bean
		ClientHttpRequestFactoryBuilderCustomizer<JettyClientHttpRequestFactoryBuilder> jettyProxy() {
			return (builder) -> builder.withHttpClientCustomizer(
					(client) -> client.getProxyConfiguration().addProxy(new HttpProxy("127.0.0.1", proxyPort)));
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(SelfCallingApplications.Reactive.class)
	static class ReactiveWithProxy {

		@Bean
		ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> reactorProxy() {
			return (builder) -> builder
				.withHttpClientCustomizer((client) -> client.proxy((proxy) -> proxy.type(ProxyProvider.Proxy.HTTP)
					.host("127.0.0.1")
					.port(proxyPort)
					.nonProxyHosts("none")));
		}

	}

}
