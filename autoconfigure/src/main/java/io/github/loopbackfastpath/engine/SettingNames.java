package io.github.loopbackfastpath.engine;

import io.github.loopbackfastpath.registry.SocketRole;

/**
 * How a user changes what the engine decided, in the words of the configuration the
 * engine was built from. The engine knows no configuration format; the layer that builds
 * it does (the auto-configuration names its properties).
 *
 * @author Loopback Fast Path contributors
 */
public interface SettingNames {

	/**
	 * Advice for an engine built by hand: names its constructor arguments.
	 */
	SettingNames CONSTRUCTOR_ARGUMENTS = new SettingNames() {

		@Override
		public String roleSwitch(SocketRole role) {
			return (role == SocketRole.LISTENER) ? "serverEnabled" : "clientEnabled";
		}

		@Override
		public String unsafeBuildOverride() {
			return "construct the engine with Safeguards that allow the unsafe build";
		}

	};

	/**
	 * The setting that turns the fast path on or off for a role.
	 * @param role the role
	 * @return the setting's name
	 */
	String roleSwitch(SocketRole role);

	/**
	 * What to do to request the fast path on a Windows build listed as unsafe.
	 * @return the advice, as a clause that completes "To request it anyway, ..."
	 */
	String unsafeBuildOverride();

}
