package io.github.loopbackfastpath.server.tomcat;

import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

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
		hints.reflection()
			.registerType(SocketWrapperBase.class, (type) -> type.withField(TomcatInternals.CONNECTION_ID));
	}

}
