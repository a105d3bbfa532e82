package io.github.loopbackfastpath.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import io.github.loopbackfastpath.engine.UnsafeBuild;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration of the Windows TCP loopback fast path ({@code SIO_LOOPBACK_FAST_PATH}).
 *
 * @author Loopback Fast Path contributors
 */
@ConfigurationProperties(LoopbackFastPathProperties.PREFIX)
public class LoopbackFastPathProperties {

	/**
	 * The prefix of every property.
	 */
	public static final String PREFIX = "loopback.fast-path";

	static final int DEFAULT_HISTORY_SIZE = 256;

	/**
	 * Whether to request the Windows TCP loopback fast path for the listening sockets of
	 * the embedded web server and the client sockets of the HTTP clients Spring Boot
	 * builds. Off by default, as in Windows. Has no effect on other operating systems.
	 */
	private boolean enabled;

	/**
	 * Whether a listener whose fast path failed (FAILED or HANDLE_UNAVAILABLE) stops
	 * start-up. A fast path that the OS or the transport does not support never does.
	 */
	private boolean failOnError;

	/**
	 * Number of closed sockets whose records are kept, in addition to those of open
	 * sockets.
	 */
	private int historySize = DEFAULT_HISTORY_SIZE;

	/**
	 * Whether to also turn on the JDK's own process-wide switch
	 * (jdk.net.useFastTcpLoopback), early in start-up, so that sockets no hook reaches
	 * (the JDK HttpClient, JDBC drivers to a local database) are covered too. The
	 * endpoint says whether it came in time.
	 */
	private boolean jdkWide;

	/**
	 * Windows build numbers on which the fast path is never requested. Blue screens were
	 * reproduced on Windows 10 1803 (17134) and Windows Server 2016 (14393).
	 */
	private Set<Integer> unsafeBuilds = UnsafeBuild.builds();

	/**
	 * Whether to request the fast path even on a Windows build listed in unsafe-builds.
	 */
	private boolean allowUnsafeBuild;

	private final Server server = new Server();

	private final Client client = new Client();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isFailOnError() {
		return this.failOnError;
	}

	public void setFailOnError(boolean failOnError) {
		this.failOnError = failOnError;
	}

	public int getHistorySize() {
		return this.historySize;
	}

	public void setHistorySize(int historySize) {
		Assert.isTrue(historySize >= 0,
				() -> "History size must be zero or more, but was " + historySize + ". Set " + PREFIX
						+ ".history-size to the number of closed sockets to remember (default " + DEFAULT_HISTORY_SIZE
						+ ").");
		this.historySize = historySize;
	}

	public boolean isJdkWide() {
		return this.jdkWide;
	}

	public void setJdkWide(boolean jdkWide) {
		this.jdkWide = jdkWide;
	}

	public Set<Integer> getUnsafeBuilds() {
		return this.unsafeBuilds;
	}

	public void setUnsafeBuilds(Set<Integer> unsafeBuilds) {
		for (Integer build : unsafeBuilds) {
			Assert.isTrue(build != null && build > 0, () -> "Windows build numbers must be positive, but " + PREFIX
					+ ".unsafe-builds contains " + build + ". List build numbers such as 17134.");
		}
		this.unsafeBuilds = new LinkedHashSet<>(unsafeBuilds);
	}

	public boolean isAllowUnsafeBuild() {
		return this.allowUnsafeBuild;
	}

	public void setAllowUnsafeBuild(boolean allowUnsafeBuild) {
		this.allowUnsafeBuild = allowUnsafeBuild;
	}

	public Server getServer() {
		return this.server;
	}

	public Client getClient() {
		return this.client;
	}

	/**
	 * Listening sockets.
	 */
	public static class Server {

		/**
		 * Whether the listening sockets of the embedded web servers (including a separate
		 * management server) get the fast path, when it is enabled.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Client sockets.
	 */
	public static class Client {

		/**
		 * Whether the client sockets of the HTTP clients Spring Boot builds get the fast
		 * path, when it is enabled.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
