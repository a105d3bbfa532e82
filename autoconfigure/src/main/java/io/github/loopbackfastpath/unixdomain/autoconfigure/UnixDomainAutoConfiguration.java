package io.github.loopbackfastpath.unixdomain.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;

import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.report.SameHostStatus;
import io.github.loopbackfastpath.unixdomain.NetworkNamespace;
import io.github.loopbackfastpath.unixdomain.OwnSockets;
import io.github.loopbackfastpath.unixdomain.RegistryRecorder;
import io.github.loopbackfastpath.unixdomain.SocketBuffers;
import io.github.loopbackfastpath.unixdomain.SocketDirectory;
import io.github.loopbackfastpath.unixdomain.SocketPermissions;
import io.github.loopbackfastpath.unixdomain.SocketTrust;
import io.github.loopbackfastpath.unixdomain.UnixDomainRecorder;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link AutoConfiguration Auto-configuration} of the same-host mode's decisions, which
 * its servers ({@link UnixDomainServerAutoConfiguration}) and clients
 * ({@link UnixDomainClientAutoConfiguration}) share: the directory and its permissions,
 * whose sockets are trusted, the network namespace, the buffer size, the records, and the
 * router. On with {@code loopback.fast-path.unix-domain.enabled}, whether the ioctl is on
 * or not and whether JNA is on the classpath or not; its properties are bound either way.
 *
 * @author Loopback Fast Path contributors
 */
@AutoConfiguration(afterName = "io.github.loopbackfastpath.autoconfigure.LoopbackFastPathAutoConfiguration")
@EnableConfigurationProperties(UnixDomainProperties.class)
public final class UnixDomainAutoConfiguration {

	/**
	 * The mode's shared beans, when it is on.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(UnixDomainProperties.PREFIX + ".enabled")
	@ConditionalOnBean(SocketRegistry.class)
	static class SameHostModeConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SocketTrust loopbackFastPathUnixDomainTrust(UnixDomainProperties properties) throws IOException {
			return SocketTrust.of(properties.getTrustedUsers(), properties.getGroup());
		}

		@Bean
		@ConditionalOnMissingBean
		SocketPermissions loopbackFastPathUnixDomainPermissions(SocketTrust trust) {
			return new SocketPermissions(trust.group());
		}

		@Bean
		@ConditionalOnMissingBean
		NetworkNamespace loopbackFastPathNetworkNamespace() {
			return NetworkNamespace.current();
		}

		@Bean
		@ConditionalOnMissingBean
		SocketDirectory loopbackFastPathUnixDomainDirectory(UnixDomainProperties properties,
				SocketPermissions permissions, SocketTrust trust, NetworkNamespace namespace) {
			Path directory = properties.getDirectory();
			return new SocketDirectory((directory != null) ? directory : SocketDirectory.defaultDirectory(),
					permissions, trust, namespace);
		}

		@Bean
		@ConditionalOnMissingBean
		SocketBuffers loopbackFastPathUnixDomainSocketBuffers(UnixDomainProperties properties) {
			return new SocketBuffers((int) properties.getBufferSize().toBytes());
		}

		@Bean
		@ConditionalOnMissingBean
		UnixDomainRecorder loopbackFastPathUnixDomainRecorder(SocketRegistry registry) {
			return new RegistryRecorder(registry);
		}

		@Bean
		@ConditionalOnMissingBean
		SameHostStatus loopbackFastPathSameHostStatus(SocketDirectory directory) {
			return directory::unavailable;
		}

		@Bean
		@ConditionalOnMissingBean
		OwnSockets loopbackFastPathUnixDomainOwnSockets() {
			return new OwnSockets();
		}

		@Bean
		@ConditionalOnMissingBean
		UnixDomainRouter loopbackFastPathUnixDomainRouter(OwnSockets own, SocketDirectory directory, SocketTrust trust,
				NetworkNamespace namespace) {
			return new UnixDomainRouter(own, directory, trust, namespace);
		}

	}

}
