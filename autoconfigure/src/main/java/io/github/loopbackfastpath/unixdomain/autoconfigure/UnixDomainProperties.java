package io.github.loopbackfastpath.unixdomain.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.loopbackfastpath.unixdomain.SocketDirectory;
import io.github.loopbackfastpath.unixdomain.SocketTrust;
import io.github.loopbackfastpath.unixdomain.server.SocketOnly;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the same-host mode on AF_UNIX sockets, independent of the
 * ioctl. Always bound, whether the mode is on or not, so that a bad value fails start-up
 * naming the property; users and groups are looked up as they are bound.
 *
 * @author Loopback Fast Path contributors
 */
@ConfigurationProperties(UnixDomainProperties.PREFIX)
public class UnixDomainProperties implements InitializingBean {

	/**
	 * The prefix of the same-host mode's properties.
	 */
	public static final String PREFIX = "loopback.fast-path.unix-domain";

	/**
	 * Whether web servers also listen on AF_UNIX sockets named after their TCP port, and
	 * clients send plain http:// loopback requests to such sockets.
	 */
	private boolean enabled;

	/**
	 * Directory the AF_UNIX sockets are published in, created owner-only (or for the
	 * group, when one is set). Defaults to "loopback-fast-path" under $XDG_RUNTIME_DIR
	 * where set, else to "loopback-fast-path-" and the user name under the temporary
	 * directory.
	 */
	private @Nullable Path directory;

	/**
	 * Group whose members may connect to the published sockets (a proxy's or a sidecar's
	 * user, say), by name or numeric id. The directory the starter creates and the socket
	 * files then belong to that group and grant it access, never to others; the
	 * application's user must be a member. A directory this group may write to is
	 * trusted. Default: owner-only.
	 */
	private @Nullable String group;

	/**
	 * Users, by name or numeric id, whose published sockets this application's clients
	 * may use besides its own user's: the owner of the directory and the socket file and
	 * the user of the process listening on it must each be one of them.
	 */
	private List<String> trustedUsers = new ArrayList<>();

	/**
	 * Send and receive buffer size asked for on every AF_UNIX connection the mode opens
	 * or accepts. Linux gives AF_UNIX sockets 208 KiB where TCP loopback grows to
	 * megabytes, which made 1 MiB bodies slower than over TCP. The OS caps it (Linux:
	 * net.core.wmem_max). 0 leaves the OS default.
	 */
	private DataSize bufferSize = DataSize.ofMegabytes(1);

	/**
	 * Servers that listen on their AF_UNIX socket only, with no TCP listener: any of
	 * "server", "management" (a separate management port) and "grpc". Each serves on
	 * "{directory}/{port}.sock" for its configured port, which must be fixed (not 0), and
	 * the application's own loopback calls to that port reach it there. Default: none,
	 * every server keeps its TCP listener.
	 */
	private Set<SocketOnly> socketOnly = EnumSet.noneOf(SocketOnly.class);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Path getDirectory() {
		return this.directory;
	}

	public void setDirectory(@Nullable Path directory) {
		if (directory != null) {
			String refusal = SocketDirectory.unfit(directory);
			if (refusal != null) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + ".directory", directory, refusal);
			}
		}
		this.directory = directory;
	}

	public @Nullable String getGroup() {
		return this.group;
	}

	public void setGroup(@Nullable String group) {
		if (group != null && !group.isBlank()) {
			try {
				SocketTrust.lookupGroup(group);
			}
			catch (IOException | UnsupportedOperationException ex) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + ".group", group,
						"There is no such group on this machine (" + ex + "); name an existing group the "
								+ "application's user is a member of, or leave it unset for owner-only sockets.");
			}
		}
		this.group = group;
	}

	public List<String> getTrustedUsers() {
		return this.trustedUsers;
	}

	public void setTrustedUsers(List<String> trustedUsers) {
		for (String user : trustedUsers) {
			try {
				SocketTrust.lookupUser(user);
			}
			catch (IOException | UnsupportedOperationException ex) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + ".trusted-users", user,
						"There is no such user on this machine (" + ex
								+ "); name an existing user, by name or numeric id.");
			}
		}
		this.trustedUsers = trustedUsers;
	}

	public DataSize getBufferSize() {
		return this.bufferSize;
	}

	public void setBufferSize(DataSize bufferSize) {
		long size = bufferSize.toBytes();
		if (size < 0 || size > Integer.MAX_VALUE) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".buffer-size", bufferSize,
					"Give a size from 0 (the OS default) to 2GB, such as 1MB.");
		}
		this.bufferSize = bufferSize;
	}

	public Set<SocketOnly> getSocketOnly() {
		return this.socketOnly;
	}

	public void setSocketOnly(Set<SocketOnly> socketOnly) {
		this.socketOnly = socketOnly;
	}

	@Override
	public void afterPropertiesSet() {
		if (!this.enabled && !this.socketOnly.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".socket-only", this.socketOnly,
					"A server listens on its AF_UNIX socket only in the same-host mode: set " + PREFIX
							+ ".enabled=true, or remove " + PREFIX + ".socket-only to keep TCP.");
		}
	}

}
