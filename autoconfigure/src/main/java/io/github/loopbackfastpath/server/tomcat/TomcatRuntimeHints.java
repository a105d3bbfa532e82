package io.github.loopbackfastpath.server.tomcat;

import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Tomcat creates its protocol handler from the class name reflectively: the starter's
 * {@link FastPathHttp11NioProtocol} must be constructible in a native image; and
 * {@link TomcatInternals} reads a connection's id.
 *
 * @author Loopback Fast Path contributors
 */
public final class TomcatRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection().registerType(FastPathHttp11NioProtocol.class, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		// The same-host mode's protocol of a Tomcat that listens on its socket only
		hints.reflection()
			.registerType(TypeReference.of("io.github.loopbackfastpath.unixdomain.server.tomcat.UnixDomainProtocol"),
					MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		hints.reflection()
			.registerType(SocketWrapperBase.class, (type) -> type.withField(TomcatInternals.CONNECTION_ID));
	}

}
