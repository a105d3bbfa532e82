package io.github.loopbackfastpath.engine;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The guards an operator sets before the fast path is requested on a machine.
 *
 * @param unsafeBuilds Windows builds on which the fast path is never requested: blue screens
 * were reproduced on Windows 10 1803 (build 17134) and Windows Server 2016 (build 14393)
 * @param allowUnsafeBuild whether to request it on such a build all the same
 * @author Loopback Fast Path contributors
 */
public record Safeguards(Set<Integer> unsafeBuilds, boolean allowUnsafeBuild) {

	/**
	 * The builds on which gRPC's use of the fast path caused blue screens.
	 */
	public static final Set<Integer> KNOWN_UNSAFE_BUILDS = Set.of(17134, 14393);

	/**
	 * The defaults: the known unsafe builds, no override.
	 */
	public static final Safeguards DEFAULTS = new Safeguards(KNOWN_UNSAFE_BUILDS, false);

	/**
	 * Create guards.
	 * @param unsafeBuilds the unsafe builds
	 * @param allowUnsafeBuild whether to override
	 */
	public Safeguards {
		unsafeBuilds = Set.copyOf(unsafeBuilds);
	}

	/**
	 * Why the fast path must not be requested on this build, if it must not.
	 * @param build the Windows build, or {@code null} when unknown or not Windows
	 * @return the reason, or {@code null} when the build is not guarded against
	 */
	@Nullable String refusal(@Nullable Integer build) {
		if (build == null || this.allowUnsafeBuild || !this.unsafeBuilds.contains(build)) {
			return null;
		}
		return "Windows build " + build + " is on the list of builds where the loopback fast path caused blue "
				+ "screens (gRPC reproduced them on Windows 10 1803, build 17134, and Windows Server 2016, build "
				+ "14393), so it was not requested. To request it anyway, set loopback.fast-path.allow-unsafe-build"
				+ "=true, or change loopback.fast-path.unsafe-builds.";
	}

}
