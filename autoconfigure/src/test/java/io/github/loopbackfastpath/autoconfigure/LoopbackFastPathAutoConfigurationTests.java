package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.actuate.LoopbackFastPathEndpoint;
import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.LoopbackFastPathException;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.platform.SocketPlatform;
import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.report.LoopbackFastPathFailureAnalyzer;
import io.github.loopbackfastpath.report.SocketLogger;
import io.github.loopbackfastpath.server.ListenerCheck;
import io.github.loopbackfastpath.server.tomcat.TomcatFastPathCustomizer;
import io.github.loopbackfastpath.test.SubstituteWindows;
import io.github.loopbackfastpath.test.WithoutJna;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the auto-configuration's conditions and properties.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoopbackFastPathAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(
			LoopbackFastPathAutoConfiguration.class, LoopbackFastPathServerAutoConfiguration.class,
			LoopbackFastPathEndpointAutoConfiguration.class, EndpointAutoConfiguration.class);

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("management.endpoints.web.exposure.include=loopbackfastpath");

	@Test
	void disabledByDefaultTouchesNoSocket() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(LoopbackFastPath.class);
			assertThat(context).hasSingleBean(LoopbackFastPathEndpoint.class);
			assertThat(context).doesNotHaveBean(TomcatFastPathCustomizer.class);
			assertThat(context).doesNotHaveBean(ListenerCheck.class);
			assertThat(context.getBean(LoopbackFastPathEndpoint.class).report().enabled()).isFalse();
		});
	}

	@Test
	void withTheIoctlOffTheEngineIsMadeWhenTheEndpointIsReadNotToStart() {
		this.runner.run((context) -> {
			assertThat(context.getBeanFactory().containsSingleton("loopbackFastPathEngine")).isFalse();
			assertThat(context.getBeanFactory().containsSingleton("loopbackFastPathSocketPlatform")).isFalse();
			assertThat(context.getBean(LoopbackFastPathEndpoint.class).report().platform()).isNotNull();
			assertThat(context.getBeanFactory().containsSingleton("loopbackFastPathEngine")).isTrue();
		});
	}

	@Test
	void withTheIoctlOnItsHooksMakeTheEngineToStart() {
		this.runner.withPropertyValues("loopback.fast-path.enabled=true")
			.run((context) -> assertThat(context.getBeanFactory().containsSingleton("loopbackFastPathEngine"))
				.isTrue());
	}

	@Test
	void howNativeHandlesAreReachedIsFoundWhenTheEndpointIsReadNotToStart() {
		this.runner.withPropertyValues("loopback.fast-path.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(ChannelHandles.class);
			assertThat(context.getBeanFactory().containsSingleton("loopbackFastPathChannelHandles")).isFalse();
			assertThat(context.getBean(LoopbackFastPathEndpoint.class).report().platform()).isNotNull();
			assertThat(context.getBeanFactory().containsSingleton("loopbackFastPathChannelHandles")).isTrue();
		});
	}

	@Test
	void endpointIsOnlyAvailableWhenExposed() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("loopback.fast-path.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(LoopbackFastPathEndpoint.class));
	}

	@Test
	void enabledHooksTheWebServer() {
		this.runner.withPropertyValues("loopback.fast-path.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(TomcatFastPathCustomizer.class);
			assertThat(context).hasSingleBean(ListenerCheck.class);
			assertThat(context.getBean(LoopbackFastPathEndpoint.class).report().enabled()).isTrue();
		});
	}

	@Test
	void serverDisabledLeavesTheWebServerAlone() {
		this.runner.withPropertyValues("loopback.fast-path.enabled=true", "loopback.fast-path.server.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(LoopbackFastPath.class);
				assertThat(context).doesNotHaveBean(TomcatFastPathCustomizer.class);
			});
	}

	@Test
	void notAWebApplicationHasNoServerHook() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("loopback.fast-path.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(LoopbackFastPath.class);
				assertThat(context).doesNotHaveBean(TomcatFastPathCustomizer.class);
			});
	}

	@Test
	void withoutJnaTheStarterBacksOffWithOneLogLine(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader(WithoutJna.FILTER))
			.withPropertyValues("loopback.fast-path.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(LoopbackFastPath.class);
				assertThat(context).doesNotHaveBean(TomcatFastPathCustomizer.class);
				assertThat(context).as("the same-host mode records there without JNA")
					.hasSingleBean(SocketRegistry.class);
			});
		assertThat(output).containsOnlyOnce("JNA is not on the classpath").contains("net.java.dev.jna:jna");
	}

	@Test
	void withoutJnaAndDisabledNothingIsLogged(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader(WithoutJna.FILTER))
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("JNA");
	}

	@Test
	void enabledThatIsNotABooleanFailsStartUp() {
		this.runner.withPropertyValues("loopback.fast-path.enabled=maybe").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("maybe");
			assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(IllegalArgumentException.class);
			assertThat(bindFailure(context.getStartupFailure()).getName()).hasToString("loopback.fast-path.enabled");
		});
	}

	@Test
	void negativeHistorySizeFailsStartUpWithTheFix() {
		this.runner.withPropertyValues("loopback.fast-path.history-size=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(bindFailure(context.getStartupFailure()).getName()).hasToString("loopback.fast-path");
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("must be zero or more, but was -1")
				.hasMessageContaining("default 256");
		});
	}

	@Test
	void unsafeBuildThatIsNotANumberFailsStartUp() {
		this.runner.withPropertyValues("loopback.fast-path.unsafe-builds=17134,windows10").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("windows10");
		});
	}

	@Test
	void negativeUnsafeBuildFailsStartUpWithTheFix() {
		this.runner.withPropertyValues("loopback.fast-path.unsafe-builds=-5").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("must be positive")
				.hasMessageContaining("loopback.fast-path.unsafe-builds contains -5");
		});
	}

	@Test
	void jdkWideThatIsNotABooleanFailsStartUp() {
		this.runner.withPropertyValues("loopback.fast-path.jdk-wide=sometimes").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("sometimes");
		});
	}

	@Test
	void unsafeBuildsAndOverrideReachTheEngine() {
		this.runner
			.withPropertyValues("loopback.fast-path.unsafe-builds=19045", "loopback.fast-path.allow-unsafe-build=true")
			.run((context) -> {
				FastPathEngine fastPath = context.getBean(FastPathEngine.class);
				assertThat(fastPath.safeguards().unsafeBuilds()).containsExactly(19045);
				assertThat(fastPath.safeguards().allowUnsafeBuild()).isTrue();
			});
	}

	@Test
	void applicationPlatformIsUsed() {
		this.runner.withUserConfiguration(SubstituteWindowsConfiguration.class)
			.run((context) -> assertThat(context.getBean(FastPathEngine.class).platformInfo().osName())
				.isEqualTo("Windows (substitute)"));
	}

	@Test
	void failOnErrorStopsStartUpWhenAListenerFails() {
		servletServer().withPropertyValues("loopback.fast-path.fail-on-error=true")
			.withBean(SocketPlatform.class, () -> SubstituteWindows.answering(10013))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().isInstanceOf(LoopbackFastPathException.class);
				LoopbackFastPathException failure = (LoopbackFastPathException) rootCause(context.getStartupFailure());
				assertThat(failure.getRecords()).singleElement()
					.satisfies((record) -> assertThat(record.outcome().errorName()).isEqualTo("WSAEACCES"));
				FailureAnalysis analysis = new LoopbackFastPathFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("tomcat listener")
					.contains("WSAEACCES, 10013")
					.contains("forbidden");
				assertThat(analysis.getAction()).contains("fail-on-error to false");
			});
	}

	@Test
	void failOnErrorNeverStopsStartUpForUnsupportedByTransport() {
		servletServer().withPropertyValues("loopback.fast-path.fail-on-error=true")
			.withBean(SocketPlatform.class, () -> SubstituteWindows.answering(10045))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(FastPathEngine.class).registry().records()).extracting(SocketRecord::status)
					.containsExactly(FastPathStatus.UNSUPPORTED_BY_TRANSPORT);
			});
	}

	@Test
	void failOnErrorNeverStopsStartUpOnAnUnsupportedPlatform() {
		servletServer().withPropertyValues("loopback.fast-path.fail-on-error=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(FastPathEngine.class).registry().records()).extracting(SocketRecord::status)
				.containsExactly(FastPathStatus.UNSUPPORTED_PLATFORM);
		});
	}

	@Test
	void withoutFailOnErrorAFailedListenerStillStarts(CapturedOutput output) {
		servletServer().withBean(SocketPlatform.class, () -> SubstituteWindows.answering(10013)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(FastPathEngine.class).registry().records()).extracting(SocketRecord::status)
				.containsExactly(FastPathStatus.FAILED);
		});
		assertThat(output).containsOnlyOnce("Loopback fast path FAILED for tomcat listener");
	}

	@Test
	void messagesNameTheStartersProperties() {
		servletServer().withBean(SocketPlatform.class, () -> SubstituteWindows.accepting().onBuild(17134))
			.run((context) -> assertThat(context.getBean(FastPathEngine.class).registry().records()).singleElement()
				.satisfies((record) -> assertThat(record.outcome().message()).contains(
						"set loopback.fast-path.allow-unsafe-build=true, or change loopback.fast-path.unsafe-builds")));
		servletServer().withPropertyValues("loopback.fast-path.client.enabled=false").run((context) -> {
			FastPathEngine engine = context.getBean(FastPathEngine.class);
			SocketRecord client = engine.disabled(SocketRequest.unreached(SocketRole.CLIENT, "test", null));
			assertThat(client.outcome().message()).contains("(loopback.fast-path.client.enabled)");
		});
	}

	@Test
	void applicationBeansWin() {
		SocketRegistry registry = new SocketRegistry(3);
		this.runner.withBean(SocketRegistry.class, () -> registry)
			.withBean("applicationLogger", SocketLogger.class, SocketLogger::new)
			.run((context) -> {
				assertThat(context).getBean(SocketRegistry.class).isSameAs(registry);
				assertThat(context.getBean(FastPathEngine.class).registry()).isSameAs(registry);
				assertThat(context).getBean(SocketLogger.class).isSameAs(context.getBean("applicationLogger"));
			});
		this.runner.withUserConfiguration(ApplicationEngine.class)
			.run((context) -> assertThat(context).getBean(FastPathEngine.class)
				.isSameAs(context.getBean("applicationEngine")));
	}

	private WebApplicationContextRunner servletServer() {
		return new WebApplicationContextRunner(AnnotationConfigServletWebServerApplicationContext::new)
			.withConfiguration(CONFIGURATIONS)
			.withConfiguration(AutoConfigurations.of(TomcatServletWebServerAutoConfiguration.class))
			.withPropertyValues("loopback.fast-path.enabled=true", "server.port=0", "server.address=127.0.0.1");
	}

	private static BindException bindFailure(Throwable failure) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof BindException bind) {
				return bind;
			}
		}
		throw new AssertionError("No BindException in " + failure);
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationEngine {

		@Bean
		FastPathEngine applicationEngine(SocketRegistry registry) {
			return new FastPathEngine(SubstituteWindows.accepting(), ChannelHandles.detect(), registry, true, false);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SubstituteWindowsConfiguration {

		@Bean
		SocketPlatform substituteWindows() {
			return SubstituteWindows.accepting();
		}

	}

}
