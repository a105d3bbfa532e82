package io.github.loopbackfastpath.unixdomain.autoconfigure;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.github.loopbackfastpath.autoconfigure.LoopbackFastPathAutoConfiguration;
import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.report.StartupReport;
import io.github.loopbackfastpath.test.WithoutJna;
import io.github.loopbackfastpath.unixdomain.NetworkNamespace;
import io.github.loopbackfastpath.unixdomain.OwnSockets;
import io.github.loopbackfastpath.unixdomain.RegistryRecorder;
import io.github.loopbackfastpath.unixdomain.SocketBuffers;
import io.github.loopbackfastpath.unixdomain.SocketDirectory;
import io.github.loopbackfastpath.unixdomain.SocketPermissions;
import io.github.loopbackfastpath.unixdomain.SocketTrust;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.client.ClientConnections;
import io.github.loopbackfastpath.unixdomain.client.httpclient5.UnixDomainRouting;
import io.github.loopbackfastpath.unixdomain.client.reactor.UnixDomainConnectionProvider;
import io.github.loopbackfastpath.unixdomain.server.AcceptedConnections;
import io.github.loopbackfastpath.unixdomain.server.PeerReader;
import io.github.loopbackfastpath.unixdomain.server.ServerBinder;
import io.github.loopbackfastpath.unixdomain.server.ServerBinders;
import io.github.loopbackfastpath.unixdomain.server.Serving;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import io.github.loopbackfastpath.unixdomain.server.jetty.JettyUnixDomainBinder;
import io.github.loopbackfastpath.unixdomain.server.netty.ConfiguredHttpServers;
import io.github.loopbackfastpath.unixdomain.server.netty.NettyUnixDomainBinder;
import io.github.loopbackfastpath.unixdomain.server.tomcat.TomcatUnixDomainBinder;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnixDomainAutoConfiguration}.
 */
class UnixDomainAutoConfigurationTests {

	@TempDir
	Path temp;

	private WebApplicationContextRunner runner() {
		return new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class, UnixDomainAutoConfiguration.class,
							UnixDomainServerAutoConfiguration.class, UnixDomainClientAutoConfiguration.class))
			.withPropertyValues("loopback.fast-path.unix-domain.enabled=true",
					"loopback.fast-path.unix-domain.directory=" + this.temp);
	}

	@Test
	void onWithItsOwnPropertyAloneWithEveryServerAndClientOnTheClasspath() {
		runner().run((context) -> {
			assertThat(context.getBean(SocketPublisher.class).directory()).isEqualTo(this.temp);
			assertThat(context).hasSingleBean(UnixDomainRouter.class);
			assertThat(context).hasSingleBean(ServerBinders.class);
			assertThat(context).hasSingleBean(StartupReport.class);
			assertThat(context).hasSingleBean(TomcatUnixDomainBinder.class);
			assertThat(context).hasSingleBean(JettyUnixDomainBinder.class);
			assertThat(context).hasSingleBean(NettyUnixDomainBinder.class);
			assertThat(context).hasSingleBean(ConfiguredHttpServers.class);
			assertThat(context).hasSingleBean(UnixDomainRouting.class);
			assertThat(context).getBean(SocketTrust.class).extracting(SocketTrust::group).isNull();
		});
	}

	@Test
	void offByDefault() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class, UnixDomainAutoConfiguration.class,
							UnixDomainServerAutoConfiguration.class, UnixDomainClientAutoConfiguration.class))
			.withPropertyValues("loopback.fast-path.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketPublisher.class));
	}

	@Test
	void defaultDirectoryIsPerUser() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class, UnixDomainAutoConfiguration.class,
							UnixDomainServerAutoConfiguration.class, UnixDomainClientAutoConfiguration.class))
			.withPropertyValues("loopback.fast-path.unix-domain.enabled=true")
			.run((context) -> assertThat(context.getBean(SocketPublisher.class).directory())
				.isEqualTo(SocketDirectory.defaultDirectory().toAbsolutePath().normalize()));
		assertThat(SocketDirectory.defaultDirectory().toString()).contains("loopback-fast-path");
	}

	@Test
	void onWithoutJnaAndWithTheIoctlOff() {
		runner().withClassLoader(new FilteredClassLoader(WithoutJna.FILTER))
			.run((context) -> assertThat(context).hasSingleBean(UnixDomainRouter.class)
				.hasSingleBean(SocketRegistry.class));
	}

	@Test
	void serversOnlyInAWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class, UnixDomainAutoConfiguration.class,
							UnixDomainServerAutoConfiguration.class, UnixDomainClientAutoConfiguration.class))
			.withPropertyValues("loopback.fast-path.unix-domain.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(SocketPublisher.class);
				assertThat(context).doesNotHaveBean(ServerBinders.class);
				assertThat(context).doesNotHaveBean(TomcatUnixDomainBinder.class);
			});
	}

	@Test
	void eachLibraryBacksOffWhenAbsent() {
		runner().withClassLoader(new FilteredClassLoader(NettyWebServer.class, HttpClientBuilder.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(NettyUnixDomainBinder.class);
				assertThat(context).doesNotHaveBean(UnixDomainRouting.class);
				assertThat(context).hasSingleBean(TomcatUnixDomainBinder.class);
			});
	}

	@Test
	void reactorNettyClientsBuiltBySpringBootGetTheRoutingConnectionProvider() {
		runner()
			.withConfiguration(
					AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class))
			.withPropertyValues("spring.http.clients.reactive.connector=reactor")
			.run((context) -> {
				HttpClientSettings settings = HttpClientSettings.defaults();
				ReactorClientHttpConnector connector = (ReactorClientHttpConnector) context
					.getBean(ClientHttpConnectorBuilder.class)
					.build(settings);
				assertThat(connector).isNotNull();
				HttpClient[] built = new HttpClient[1];
				ClientHttpConnectorBuilder.reactor()
					.withHttpClientFactory(() -> HttpClient
						.create(new UnixDomainConnectionProvider(reactor.netty.http.HttpResources.get(),
								context.getBean(UnixDomainRouter.class), context.getBean(ClientConnections.class))))
					.withHttpClientCustomizer((client) -> built[0] = client)
					.build(settings);
				assertThat(built[0].configuration().connectionProvider())
					.isInstanceOf(UnixDomainConnectionProvider.class);
				ReactorClientHttpRequestFactory factory = ClientHttpRequestFactoryBuilder.reactor().build(settings);
				assertThat(factory).isNotNull();
			});
	}

	@Test
	void reactorNettysConnectionProviderIsAskedForOnTheFirstConnectionNotWhenTheClientIsBuilt() throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		server.start();
		try {
			runner()
				.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
						ReactiveHttpClientAutoConfiguration.class))
				.withPropertyValues("spring.http.clients.reactive.connector=reactor")
				.withBean(CountingResourceFactory.class, CountingResourceFactory::new)
				.run((context) -> {
					CountingResourceFactory resources = context.getBean(CountingResourceFactory.class);
					int atStartUp = resources.asked.get();
					ClientHttpConnector connector = context.getBean(ClientHttpConnectorBuilder.class)
						.build(HttpClientSettings.defaults());
					assertThat(resources.asked).hasValue(atStartUp);
					WebClient.builder()
						.clientConnector(connector)
						.build()
						.get()
						.uri("http://127.0.0.1:" + server.getAddress().getPort() + "/")
						.retrieve()
						.toBodilessEntity()
						.block(Duration.ofSeconds(30));
					assertThat(resources.asked).hasValueGreaterThan(atStartUp);
				});
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void restClientsOfAReactiveApplicationAreSaidToStayOnTcp() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class,
					UnixDomainAutoConfiguration.class, UnixDomainClientAutoConfiguration.class))
			.withPropertyValues("loopback.fast-path.unix-domain.enabled=true",
					"loopback.fast-path.unix-domain.directory=" + this.temp)
			.run((context) -> {
				assertThat(context.getBean(ClientConnections.class).leavesRestClientsOnTcp()).isTrue();
				assertThat(context.getBean(ClientConnections.class).leavesClientsOnTcp()).as("WebClient is routed")
					.isFalse();
				assertThat(context.getBean(SocketRegistry.class).notCovered()).containsKey("rest-client");
			});
		runner().run((context) -> assertThat(context.getBean(SocketRegistry.class).notCovered())
			.as("a servlet application's RestClient is routed")
			.doesNotContainKey("rest-client"));
	}

	@Test
	void aGroupThatDoesNotExistFailsStartUpNamingTheProperty() {
		runner().withPropertyValues("loopback.fast-path.unix-domain.group=no-such-group-lfp").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("loopback.fast-path.unix-domain.group")
				.hasMessageContaining("no-such-group-lfp");
		});
	}

	@Test
	void aNegativeBufferSizeFailsStartUpNamingThePropertyAndTheFix() {
		runner().withPropertyValues("loopback.fast-path.unix-domain.buffer-size=-1KB").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("loopback.fast-path.unix-domain.buffer-size")
				.hasMessageContaining("1MB");
		});
	}

	@Test
	void theBufferSizeIsOneMegabyteByDefault() {
		runner().run((context) -> assertThat(context).getBean(SocketBuffers.class)
			.isEqualTo(new SocketBuffers(1024 * 1024)));
	}

	@Test
	void aTrustedUserThatDoesNotExistFailsStartUpNamingTheProperty() {
		runner().withPropertyValues("loopback.fast-path.unix-domain.trusted-users=root,no-such-user-lfp")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("loopback.fast-path.unix-domain.trusted-users")
					.hasMessageContaining("no-such-user-lfp");
			});
	}

	@Test
	void numericIdsAreAcceptedForUsersAndGroups() {
		runner()
			.withPropertyValues("loopback.fast-path.unix-domain.trusted-users=0",
					"loopback.fast-path.unix-domain.group=0")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(SocketTrust.class)
				.extracting(SocketTrust::group)
				.isNotNull());
	}

	@Test
	void theWebServerFactoryIsMadeWithoutThePublisherUnlessAServerListensOnItsSocketOnly() {
		// The factory is made before the application's other beans: what it pulls in is
		// made without the type lookups they share
		servletServer().withPropertyValues("server.port=0")
			.withBean(PublisherWhenTheFactoryIsMade.class, PublisherWhenTheFactoryIsMade::new)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(PublisherWhenTheFactoryIsMade.class).made).isFalse();
				assertThat(context.getBean(SocketPublisher.class).published()).hasSize(1);
			});
		int port = TestSocketUtils.findAvailableTcpPort();
		servletServer().withPropertyValues("server.port=" + port, "loopback.fast-path.unix-domain.socket-only=server")
			.withBean(PublisherWhenTheFactoryIsMade.class, PublisherWhenTheFactoryIsMade::new)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(PublisherWhenTheFactoryIsMade.class).made).isTrue();
				assertThat(context.getBean(SocketPublisher.class).published().get(port).isSocketOnly()).isTrue();
			});
	}

	@Test
	void whatPublishingNeedsIsPreparedInTheBackgroundBeforeTheServerStarts() {
		Path directory = this.temp.resolve("sockets");
		servletServer().withPropertyValues("server.port=0", "loopback.fast-path.unix-domain.directory=" + directory)
			.withUserConfiguration(RecordingBinderConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(RecordingBinder.class).events).containsExactly(
						"prepared on loopback-fast-path-socket-preparation, directory made: true", "bound");
				assertThat(context.getBean(SocketPublisher.class).published()).hasSize(1);
			});
	}

	@Test
	void aMockWebEnvironmentPreparesNothing() {
		Path directory = this.temp.resolve("sockets");
		runner().withPropertyValues("loopback.fast-path.unix-domain.directory=" + directory).run((context) -> {
			// Waits for a preparation, had one started
			assertThat(context.getBean(SocketPublisher.class).unavailable()).isNull();
			assertThat(directory).doesNotExist();
		});
	}

	private WebApplicationContextRunner servletServer() {
		return new WebApplicationContextRunner(AnnotationConfigServletWebServerApplicationContext::new)
			.withConfiguration(
					AutoConfigurations.of(LoopbackFastPathAutoConfiguration.class, UnixDomainAutoConfiguration.class,
							UnixDomainServerAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class))
			.withPropertyValues("loopback.fast-path.unix-domain.enabled=true",
					"loopback.fast-path.unix-domain.directory=" + this.temp);
	}

	@Test
	void applicationBeansWin() {
		runner().withUserConfiguration(ApplicationPublisher.class)
			.run((context) -> assertThat(context.getBean(SocketPublisher.class))
				.isSameAs(context.getBean(ApplicationPublisher.class).publisher));
	}

	static class CountingResourceFactory extends ReactorResourceFactory {

		final AtomicInteger asked = new AtomicInteger();

		CountingResourceFactory() {
			setUseGlobalResources(false);
		}

		@Override
		public ConnectionProvider getConnectionProvider() {
			this.asked.incrementAndGet();
			return super.getConnectionProvider();
		}

	}

	// Whether the publisher was made by the time the web server factory was customized
	static class PublisherWhenTheFactoryIsMade implements BeanPostProcessor, BeanFactoryAware {

		private @Nullable ConfigurableListableBeanFactory beanFactory;

		volatile @Nullable Boolean made;

		@Override
		public void setBeanFactory(BeanFactory beanFactory) {
			this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			ConfigurableListableBeanFactory beanFactory = this.beanFactory;
			if (bean instanceof WebServerFactory && this.made == null && beanFactory != null) {
				this.made = beanFactory.containsSingleton("loopbackFastPathUnixDomainPublisher");
			}
			return bean;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingBinderConfiguration {

		@Bean
		RecordingBinder recordingBinder(TomcatUnixDomainBinder tomcat, UnixDomainProperties properties) {
			return new RecordingBinder(tomcat, Objects.requireNonNull(properties.getDirectory()));
		}

	}

	// Tomcat's binder, first in order, telling when it was prepared and bound
	static final class RecordingBinder implements ServerBinder, Ordered {

		final List<String> events = new CopyOnWriteArrayList<>();

		private final ServerBinder tomcat;

		private final Path directory;

		RecordingBinder(ServerBinder tomcat, Path directory) {
			this.tomcat = tomcat;
			this.directory = directory;
		}

		@Override
		public String component() {
			return this.tomcat.component();
		}

		@Override
		public void prepare() {
			this.events.add("prepared on " + Thread.currentThread().getName() + ", directory made: "
					+ Files.isDirectory(this.directory));
		}

		@Override
		public @Nullable String refusal(WebServerApplicationContext context) {
			return this.tomcat.refusal(context);
		}

		@Override
		public @Nullable InetAddress address(WebServerApplicationContext context) {
			return this.tomcat.address(context);
		}

		@Override
		public Serving bind(WebServerApplicationContext context, Path socket, AcceptedConnections accepted)
				throws Exception {
			this.events.add("bound");
			return this.tomcat.bind(context, socket, accepted);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationPublisher {

		final SocketPublisher publisher = new SocketPublisher(
				new SocketDirectory(Path.of("/tmp/application-sockets"), new SocketPermissions(null),
						SocketTrust.currentUserOnly(), NetworkNamespace.current()),
				new SocketPermissions(null), new OwnSockets(), new RegistryRecorder(new SocketRegistry(1)),
				new PeerReader(ChannelHandles.detect()));

		@Bean
		SocketPublisher applicationPublisher() {
			return this.publisher;
		}

	}

}
