package io.github.loopbackfastpath.autoconfigure;

import io.github.loopbackfastpath.engine.SettingNames;
import io.github.loopbackfastpath.registry.SocketRole;

/**
 * Names this starter's properties in the engine's messages.
 *
 * @author Loopback Fast Path contributors
 */
final class PropertyNames implements SettingNames {

	static final String ENABLED = LoopbackFastPathProperties.PREFIX + ".enabled";

	static final String SERVER_ENABLED = LoopbackFastPathProperties.PREFIX + ".server.enabled";

	static final String CLIENT_ENABLED = LoopbackFastPathProperties.PREFIX + ".client.enabled";

	static final String JDK_WIDE = LoopbackFastPathProperties.PREFIX + ".jdk-wide";

	@Override
	public String roleSwitch(SocketRole role) {
		return (role == SocketRole.LISTENER) ? SERVER_ENABLED : CLIENT_ENABLED;
	}

	@Override
	public String unsafeBuildOverride() {
		return "set " + LoopbackFastPathProperties.PREFIX + ".allow-unsafe-build=true, or change "
				+ LoopbackFastPathProperties.PREFIX + ".unsafe-builds";
	}

}
