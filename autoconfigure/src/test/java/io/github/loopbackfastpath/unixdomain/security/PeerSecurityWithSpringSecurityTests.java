package io.github.loopbackfastpath.unixdomain.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's recipe "Actuator only for the monitoring agent's account", as written, in
 * a servlet application (Tomcat) and a WebFlux one (Reactor Netty) with Spring Boot's
 * Spring Security support, with the ioctl off and on: the user {@code monitor}'s
 * {@code curl} over the socket gets the health endpoint; another user's over the socket
 * and any over TCP are refused, and other pages stay open to all. An application page
 * shows the {@link PeerAuthentication} of a request over the socket; over TCP the
 * anonymous user (servlet) or no security context (WebFlux), as without the starter. Real
 * users ({@code useradd}, {@code setpriv}); needs Linux and root (CI runs as root).
 */
class PeerSecurityWithSpringSecurityTests {

	private static final String GROUP = "lfp-monitoring";

	private static final String TOMCAT = "org.springframework.boot.tomcat.autoconfigure.";

	private static final String JETTY = "org.springframework.boot.jetty.autoconfigure.";

	@BeforeAll
	static void monitorUser() throws Exception {
		boolean possible = System.getProperty("os.name").startsWith("Linux")
				&& "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv"))
				&& Files.isExecutable(Path.of("/usr/bin/curl"));
		if (!possible && "true".equals(System.getenv("LOOPBACK_FAST_PATH_REQUIRE_ROOT_TESTS"))) {
			throw new IllegalStateException("These tests need Linux, root, setpriv and curl");
		}
		assumeTrue(possible, "Linux, root, setpriv and curl");
		run("sh", "-c", "getent group " + GROUP + " || groupadd --system " + GROUP);
		run("sh", "-c", "id monitor || useradd --system --no-create-home --shell /usr/sbin/nologin monitor");
		run("usermod", "-aG", GROUP, "monitor");
	}

	static List<Arguments> applications() {
		List<Arguments> applications = new ArrayList<>();
		for (boolean ioctl : List.of(false, true)) {
			applications.add(Arguments.of(ServletApplication.class, List.of(), ioctl));
			applications.add(Arguments.of(ReactiveApplication.class,
					List.of("--spring.main.web-application-type=reactive",
							"--spring.autoconfigure.exclude=" + TOMCAT
									+ "reactive.TomcatReactiveWebServerAutoConfiguration," + JETTY
									+ "reactive.JettyReactiveWebServerAutoConfiguration"),
					ioctl));
		}
		return applications;
	}

	@ParameterizedTest(name = "{0}, ioctl on: {2}")
	@MethodSource("applications")
	void actuatorOnlyForTheMonitoringAgentsAccount(Class<?> application, List<String> arguments, boolean ioctl)
			throws Exception {
		Path base = Files.createTempDirectory("lfp-security");
		run("chmod", "755", base.toString());
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--management.endpoints.web.exposure.include=health", "--loopback.fast-path.enabled=" + ioctl,
				"--loopback.fast-path.unix-domain.enabled=true",
				"--loopback.fast-path.unix-domain.directory=" + base.resolve("sockets"),
				"--loopback.fast-path.unix-domain.group=" + GROUP));
		all.addAll(arguments);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.run(all.toArray(String[]::new))) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String socket = base.resolve("sockets").resolve(port + "@127.0.0.1.sock").toString();
			String health = "http://127.0.0.1:" + port + "/actuator/health";
			assertThat(curlAs("monitor", "--unix-socket", socket, health)).as("monitor over the socket")
				.startsWith("200 ")
				.contains("\"UP\"");
			assertThat(curlAs("root", "--unix-socket", socket, health)).as("another user over the socket")
				.startsWith("403 ");
			assertThat(curlAs("monitor", health)).as("over TCP, whoever calls").matches("40[13] .*");
			String whoami = "http://127.0.0.1:" + port + "/whoami";
			assertThat(curlAs("monitor", "--unix-socket", socket, whoami)).as("an open page over the socket")
				.isEqualTo("200 monitor [PEER_USER_monitor, PEER_GROUP_" + run("id", "-gn", "monitor") + "]");
			assertThat(curlAs("monitor", whoami)).as("an open page over TCP")
				.isIn("200 anonymousUser [ROLE_ANONYMOUS]", "200 no security context");
		}
		finally {
			run("rm", "-rf", base.toString());
		}
	}

	// The status, then the body
	private static String curlAs(String user, String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + run("id", "-g", user),
				"--init-groups", "--", "curl", "-s", "--max-time", "30", "-w", "%{http_code}"));
		command.addAll(List.of(arguments));
		// curl writes the body, then the status
		String output = run(command.toArray(String[]::new));
		return output.substring(output.length() - 3) + " " + output.substring(0, output.length() - 3).trim();
	}

	private static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return output.trim();
	}

	private static String describe(@Nullable Authentication authentication) {
		if (authentication == null) {
			return "no authentication";
		}
		return authentication.getName() + " "
				+ authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
	}

	/**
	 * The recipe in a servlet application.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class ServletApplication {

		@GetMapping("/whoami")
		String whoami() {
			return describe(SecurityContextHolder.getContext().getAuthentication());
		}

		// README: Actuator only for the monitoring agent's account (servlet)
		@Bean
		@Order(1)
		SecurityFilterChain actuatorForTheMonitoringAgent(HttpSecurity http) throws Exception {
			return http.securityMatcher("/actuator/**")
				.addFilterBefore(new PeerAuthenticationFilter(), AnonymousAuthenticationFilter.class)
				.authorizeHttpRequests(
						(requests) -> requests.anyRequest().access(PeerAuthorizationManager.user("monitor")))
				.build();
		}

		@Bean
		@Order(2)
		SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
			return http.addFilterBefore(new PeerAuthenticationFilter(), AnonymousAuthenticationFilter.class)
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.build();
		}

	}

	/**
	 * The recipe in a WebFlux application.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class ReactiveApplication {

		@GetMapping("/whoami")
		Mono<String> whoami() {
			return ReactiveSecurityContextHolder.getContext()
				.map((context) -> describe(context.getAuthentication()))
				.defaultIfEmpty("no security context");
		}

		// README: Actuator only for the monitoring agent's account (WebFlux)
		@Bean
		@Order(1)
		SecurityWebFilterChain actuatorForTheMonitoringAgent(ServerHttpSecurity http) {
			return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/actuator/**"))
				.addFilterAt(new PeerAuthenticationWebFilter(), SecurityWebFiltersOrder.AUTHENTICATION)
				.authorizeExchange(
						(exchanges) -> exchanges.anyExchange().access(ReactivePeerAuthorizationManager.user("monitor")))
				.build();
		}

		@Bean
		@Order(2)
		SecurityWebFilterChain everythingElse(ServerHttpSecurity http) {
			return http.addFilterAt(new PeerAuthenticationWebFilter(), SecurityWebFiltersOrder.AUTHENTICATION)
				.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
				.build();
		}

	}

}
