package io.github.loopbackfastpath.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property of the starter refuses a bad value at start-up, naming the property,
 * whatever else is on or off: one row per property, each run with everything off, the
 * ioctl on, the same-host mode on, and both.
 */
class EveryPropertyRefusesABadValueTests {

	private static final String PREFIX = "loopback.fast-path.";

	private static final List<String> MODES = List.of("", PREFIX + "enabled=true", PREFIX + "unix-domain.enabled=true",
			PREFIX + "enabled=true," + PREFIX + "unix-domain.enabled=true");

	@TempDir
	static Path temp;

	// Property and a value it must refuse
	private static Map<String, String> badValues() throws IOException {
		Map<String, String> bad = new LinkedHashMap<>();
		bad.put(PREFIX + "enabled", "maybe");
		bad.put(PREFIX + "fail-on-error", "maybe");
		bad.put(PREFIX + "history-size", "-1");
		bad.put(PREFIX + "jdk-wide", "maybe");
		bad.put(PREFIX + "unsafe-builds", "0");
		bad.put(PREFIX + "allow-unsafe-build", "maybe");
		bad.put(PREFIX + "server.enabled", "maybe");
		bad.put(PREFIX + "client.enabled", "maybe");
		bad.put(PREFIX + "unix-domain.enabled", "maybe");
		bad.put(PREFIX + "unix-domain.directory",
				Files.writeString(temp.resolve("a-file"), "not a directory").toString());
		bad.put(PREFIX + "unix-domain.group", "no-such-group-lfp");
		bad.put(PREFIX + "unix-domain.trusted-users", "no-such-user-lfp");
		bad.put(PREFIX + "unix-domain.buffer-size", "-1KB");
		bad.put(PREFIX + "unix-domain.socket-only", "everything");
		return bad;
	}

	static List<Arguments> everyPropertyInEveryMode() throws IOException {
		List<Arguments> arguments = new ArrayList<>();
		badValues().forEach((property, value) -> MODES
			.forEach((mode) -> arguments.add(Arguments.of(property, value, mode.isEmpty() ? "everything off" : mode))));
		return arguments;
	}

	@ParameterizedTest(name = "{0}={1} with {2}")
	@MethodSource("everyPropertyInEveryMode")
	void failsStartUpNamingTheProperty(String property, String value, String mode) {
		List<String> properties = new ArrayList<>();
		if (!mode.equals("everything off")) {
			properties.addAll(List.of(mode.split(",")));
		}
		// The bad value wins over the mode's switch when both name one property
		properties.removeIf((entry) -> entry.startsWith(property + "="));
		properties.add(property + "=" + value);
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(starterAutoConfigurations()))
			.withPropertyValues(PREFIX + "unix-domain.directory=" + temp.resolve("sockets"))
			.withPropertyValues(properties.toArray(String[]::new))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(Stream.iterate(context.getStartupFailure(), Objects::nonNull, Throwable::getCause)
					.map(Throwable::getMessage)
					.filter(Objects::nonNull)).anyMatch((message) -> message.contains(property));
			});
	}

	@Test
	void everyPropertyOfTheStarterHasARow() throws IOException {
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			List<String> names = JsonPath.parse(metadata).read("$.properties[*].name");
			assertThat(badValues().keySet())
				.containsExactlyInAnyOrderElementsOf(names.stream().filter((name) -> name.startsWith(PREFIX)).toList());
		}
	}

	private static Class<?>[] starterAutoConfigurations() {
		return ImportCandidates.load(AutoConfiguration.class, EveryPropertyRefusesABadValueTests.class.getClassLoader())
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("io.github.loopbackfastpath."))
			.map(EveryPropertyRefusesABadValueTests::load)
			.toArray(Class<?>[]::new);
	}

	private static Class<?> load(String name) {
		try {
			return Class.forName(name);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
