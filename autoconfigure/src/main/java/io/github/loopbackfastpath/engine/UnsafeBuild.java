package io.github.loopbackfastpath.engine;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Windows builds on which the loopback fast path caused blue screens: gRPC reproduced
 * them when clients connected to {@code localhost}. The one source of the default deny
 * list, its configuration metadata hints and the refusal message.
 *
 * @author Loopback Fast Path contributors
 */
public enum UnsafeBuild {

	/**
	 * Windows 10 1803.
	 */
	WINDOWS_10_1803(17134, "Windows 10 1803",
			"Windows 10 1803: blue screens with the fast path when clients connected to localhost (gRPC)."),

	/**
	 * Windows Server 2016 (and Windows 10 1607).
	 */
	WINDOWS_SERVER_2016(14393, "Windows Server 2016",
			"Windows Server 2016 (and Windows 10 1607): blue screens with the fast path (gRPC).");

	private final int build;

	private final String release;

	private final String description;

	UnsafeBuild(int build, String release, String description) {
		this.build = build;
		this.release = release;
		this.description = description;
	}

	/**
	 * The build number.
	 * @return the number
	 */
	public int build() {
		return this.build;
	}

	/**
	 * What happened on this build, for people.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * The build numbers, in this enum's order.
	 * @return the numbers
	 */
	public static Set<Integer> builds() {
		return Arrays.stream(values()).map(UnsafeBuild::build).collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/**
	 * Where the crashes were reproduced, for messages.
	 * @return for example "Windows 10 1803, build 17134, and Windows Server 2016, build
	 * 14393"
	 */
	static String releases() {
		return Arrays.stream(values())
			.map((unsafe) -> unsafe.release + ", build " + unsafe.build)
			.collect(Collectors.joining(", and "));
	}

}
