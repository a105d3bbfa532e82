package io.github.loopbackfastpath.unixdomain;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The network namespace this process runs in, on Linux, where {@code localhost:8080}
 * means port 8080 of the caller's network namespace: two containers sharing a socket
 * directory each have their own. Linux lists the AF_UNIX sockets created in the caller's
 * network namespace in {@code /proc/self/net/unix}, with the path each was bound to; a
 * socket file is served by a server of this namespace only if it is listed there as
 * listening, under its own path or the private place it was bound in before it was
 * published. Elsewhere (macOS, Windows) there are no network namespaces and every socket
 * is this host's.
 *
 * @author Loopback Fast Path contributors
 */
public final class NetworkNamespace {

	private static final Pattern NAMESPACE_LINK = Pattern.compile("net:\\[(\\d+)]");

	// __SO_ACCEPTCON in the Flags column of /proc/net/unix: a listening socket
	private static final int LISTENING = 0x10000;

	private final boolean linux;

	private final @Nullable String id;

	private final Path namespaceLink;

	private final Path unixSockets;

	NetworkNamespace(boolean linux, Path namespaceLink, Path unixSockets) {
		this.linux = linux;
		this.namespaceLink = namespaceLink;
		this.unixSockets = unixSockets;
		this.id = linux ? readId(namespaceLink) : null;
	}

	/**
	 * The network namespace of this process.
	 * @return the namespace
	 */
	public static NetworkNamespace current() {
		return new NetworkNamespace(System.getProperty("os.name", "").startsWith("Linux"), Path.of("/proc/self/ns/net"),
				Path.of("/proc/self/net/unix"));
	}

	private static @Nullable String readId(Path link) {
		try {
			Matcher matcher = NAMESPACE_LINK.matcher(Files.readSymbolicLink(link).toString());
			return matcher.matches() ? matcher.group(1) : null;
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return null;
		}
	}

	/**
	 * The namespace's identifier (the inode of {@code /proc/self/ns/net}), which names
	 * the sockets published when another namespace already serves a port in the shared
	 * directory.
	 * @return the identifier, or {@code null} where there are no network namespaces or
	 * the OS does not tell
	 */
	public @Nullable String id() {
		return this.id;
	}

	/**
	 * Why a socket file is not served in this network namespace.
	 * @param socket the socket file, as its server bound it
	 * @return {@code null} if a server of this namespace listens on it (or the OS has no
	 * network namespaces), else the reason
	 */
	@Nullable String notServedHere(Path socket) {
		if (!this.linux) {
			return null;
		}
		String name = "/" + socket.getFileName();
		try (BufferedReader lines = Files.newBufferedReader(this.unixSockets, StandardCharsets.UTF_8)) {
			lines.readLine();
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.endsWith(name) && isListening(line, socket)) {
					return null;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return "Whether " + socket + " is served in this network namespace cannot be told (" + this.unixSockets
					+ ": " + ex + "), so requests stay on TCP.";
		}
		return "No server of this network namespace (" + this.namespaceLink + " " + ((this.id != null) ? this.id : "?")
				+ ") listens on " + socket + ": it belongs to another container or namespace sharing the directory, "
				+ "which a loopback request over TCP would never reach.";
	}

	// Num RefCount Protocol Flags Type St Inode Path: the path is all after the seventh
	// field, as it may hold spaces
	private static boolean isListening(String line, Path socket) {
		String[] fields = line.trim().split("\\s+", 8);
		return fields.length == 8 && SocketNames.boundAs(fields[7], socket)
				&& (Integer.parseUnsignedInt(fields[3], 16) & LISTENING) != 0;
	}

}
