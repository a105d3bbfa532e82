package io.github.loopbackfastpath.engine;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The guards an operator sets before the fast path is requested on a machine.
 *
 * @param unsafeBuilds Windows builds on which the fast path is never requested, by
 * default the {@link UnsafeBuild known ones}
 * @param allowUnsafeBuild whether to request it on such a build all the same
 * @author Loopback Fast Path contributors
 */
public record Safeguards(Set<Integer> unsafeBuilds, boolean allowUnsafeBuild) {

	/**
	 * The defaults: the known unsafe builds, no override.
	 */
	public static final Safeguards DEFAULTS = new Safeguards(UnsafeBuild.builds(), false);

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
	@Nullable String refusal(@Nullable Integer build, SettingNames settingNames) {
		if (build == null || this.allowUnsafeBuild || !this.unsafeBuilds.contains(build)) {
			return null;
		}
		return "Windows build " + build + " is on the list of builds where the loopback fast path caused blue "
				+ "screens (gRPC reproduced them on " + UnsafeBuild.releases() + "), so it was not requested. "
				+ "To request it anyway, " + settingNames.unsafeBuildOverride() + ".";
	}

}
