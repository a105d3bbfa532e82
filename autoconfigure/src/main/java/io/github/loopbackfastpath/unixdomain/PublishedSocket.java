package io.github.loopbackfastpath.unixdomain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.loopbackfastpath.record.SocketRecord;
import org.jspecify.annotations.Nullable;

/**
 * An AF_UNIX socket published beside a TCP listener.
 *
 * @author Loopback Fast Path contributors
 */
public final class PublishedSocket {

	private final int port;

	private final Path path;

	private final String component;

	private final AutoCloseable server;

	private volatile @Nullable SocketRecord record;

	private volatile boolean open = true;

	private volatile boolean fileRemoved;

	PublishedSocket(int port, Path path, String component, AutoCloseable server) {
		this.port = port;
		this.path = path;
		this.component = component;
		this.server = server;
	}

	/**
	 * The TCP port whose requests the socket serves.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The socket file.
	 * @return the path
	 */
	public Path path() {
		return this.path;
	}

	/**
	 * What serves it, such as {@code tomcat}.
	 * @return the component
	 */
	public String component() {
		return this.component;
	}

	/**
	 * How many connections it accepted.
	 * @return the count
	 */
	public long acceptedConnections() {
		SocketRecord record = this.record;
		return (record != null) ? record.acceptedConnections() : 0;
	}

	/**
	 * Whether it is still published. A file someone else removed is found out by the next
	 * client that falls back to TCP.
	 * @return whether it is published
	 */
	public boolean isOpen() {
		return this.open && !this.fileRemoved;
	}

	void fileRemoved() {
		this.fileRemoved = true;
	}

	void record(SocketRecord record) {
		this.record = record;
	}

	/**
	 * Stop serving on the socket and remove its file.
	 */
	void close() {
		if (!this.open) {
			return;
		}
		this.open = false;
		try {
			this.server.close();
		}
		catch (Exception ex) {
			// The file is removed below either way
		}
		try {
			Files.deleteIfExists(this.path);
		}
		catch (IOException ex) {
			// Left for the next start-up, which replaces a stale file
		}
		SocketRecord record = this.record;
		if (record != null) {
			record.closed();
		}
	}

}
