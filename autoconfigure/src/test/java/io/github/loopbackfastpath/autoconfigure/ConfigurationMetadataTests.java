package io.github.loopbackfastpath.autoconfigure;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.loopbackfastpath.engine.UnsafeBuild;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata IDEs complete from: every property described, with its
 * default, and hints where values are a known set. The unsafe builds' default and hints
 * are written by hand (the annotation processor cannot evaluate them) and checked here
 * against their one source, {@link UnsafeBuild}.
 */
class ConfigurationMetadataTests {

	private final DocumentContext metadata = read();

	@Test
	void everyPropertyHasADescriptionAndTheBooleansSayWhether() {
		List<Map<String, Object>> properties = this.metadata
			.read("$.properties[?(@.name =~ /loopback\\.fast-path\\..*/)]");
		assertThat(properties).extracting((property) -> property.get("name"))
			.containsExactlyInAnyOrder("loopback.fast-path.enabled", "loopback.fast-path.fail-on-error",
					"loopback.fast-path.history-size", "loopback.fast-path.jdk-wide",
					"loopback.fast-path.unsafe-builds", "loopback.fast-path.allow-unsafe-build",
					"loopback.fast-path.server.enabled", "loopback.fast-path.client.enabled",
					"loopback.fast-path.unix-domain.enabled", "loopback.fast-path.unix-domain.directory",
					"loopback.fast-path.unix-domain.group", "loopback.fast-path.unix-domain.trusted-users",
					"loopback.fast-path.unix-domain.buffer-size", "loopback.fast-path.unix-domain.socket-only");
		assertThat(properties).allSatisfy((property) -> {
			assertThat((String) property.get("description")).as((String) property.get("name")).isNotBlank();
			if ("java.lang.Boolean".equals(property.get("type"))) {
				assertThat((String) property.get("description")).startsWith("Whether");
			}
		});
	}

	@Test
	void defaultsAreThoseOfThePropertiesClass() {
		Map<String, Object> defaults = this.metadata
			.<List<Map<String, Object>>>read("$.properties[?(@.name =~ /loopback\\.fast-path\\..*/)]")
			.stream()
			.filter((property) -> property.containsKey("defaultValue"))
			.collect(Collectors.toMap((property) -> (String) property.get("name"),
					(property) -> property.get("defaultValue")));
		assertThat(defaults).containsEntry("loopback.fast-path.enabled", false)
			.containsEntry("loopback.fast-path.fail-on-error", false)
			.containsEntry("loopback.fast-path.history-size", 256)
			.containsEntry("loopback.fast-path.jdk-wide", false)
			.containsEntry("loopback.fast-path.allow-unsafe-build", false)
			.containsEntry("loopback.fast-path.server.enabled", true)
			.containsEntry("loopback.fast-path.client.enabled", true)
			.containsEntry("loopback.fast-path.unix-domain.enabled", false)
			.containsEntry("loopback.fast-path.unix-domain.buffer-size", "1MB")
			.containsEntry("loopback.fast-path.unsafe-builds", List.copyOf(UnsafeBuild.builds()));
	}

	@Test
	void unsafeBuildsHaveHintsThatSayWhy() {
		List<Map<String, Object>> values = this.metadata
			.read("$.hints[?(@.name == 'loopback.fast-path.unsafe-builds')].values[*]");
		assertThat(values).extracting((value) -> value.get("value")).containsExactlyElementsOf(UnsafeBuild.builds());
		assertThat(values).extracting((value) -> value.get("description"))
			.containsExactlyElementsOf(Arrays.stream(UnsafeBuild.values()).map(UnsafeBuild::description).toList());
		assertThat(values)
			.allSatisfy((value) -> assertThat((String) value.get("description")).contains("blue screens"));
	}

	private static DocumentContext read() {
		try (InputStream input = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			return JsonPath.parse(input);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
