package io.github.loopbackfastpath.test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel's view of the AF_UNIX connections to a socket file, through iproute2's
 * {@code ss -x -m}: the send buffer ({@code tb}) of the server's accepted end and of the
 * client's end of each. Linux only.
 */
public final class UnixSockets {

	private static final Pattern CONNECTION = Pattern
		.compile("^u_str\\s+ESTAB\\s+\\d+\\s+\\d+\\s+(\\S+)\\s+(\\d+)\\s+\\*\\s+(\\d+)\\s+skmem:\\(.*?,tb(\\d+),");

	private UnixSockets() {
	}

	/**
	 * The established connections to a socket file.
	 * @param socket the socket file
	 * @return each connection's send buffers
	 * @throws Exception if {@code ss} fails
	 */
	public static List<Connection> connectionsTo(Path socket) throws Exception {
		Map<String, Long> sendBuffers = new HashMap<>();
		List<Matcher> accepted = new ArrayList<>();
		for (String line : ss()) {
			Matcher matcher = CONNECTION.matcher(line);
			if (matcher.find()) {
				sendBuffers.put(matcher.group(2), Long.parseLong(matcher.group(4)));
				if (boundAs(Path.of(matcher.group(1)), socket)) {
					accepted.add(matcher);
				}
			}
		}
		return accepted.stream()
			.map((matcher) -> new Connection(Long.parseLong(matcher.group(4)), sendBuffers.get(matcher.group(3))))
			.toList();
	}

	// The kernel names a socket by the path it was bound to: the published one, or the
	// private place the starter binds in before publishing it (.<random>/<name>)
	private static boolean boundAs(Path bound, Path socket) {
		Path parent = bound.getParent();
		return bound.equals(socket) || (parent != null && socket.getParent().equals(parent.getParent())
				&& bound.getFileName().equals(socket.getFileName()) && parent.getFileName().toString().startsWith("."));
	}

	/**
	 * The send buffer Linux gives a socket that asks for a size: twice the size, capped
	 * at {@code net.core.wmem_max}.
	 * @param requested the size asked for
	 * @return the send buffer
	 * @throws Exception if the sysctl cannot be read
	 */
	public static long sendBufferFor(long requested) throws Exception {
		return 2 * Math.min(requested, sysctl("wmem_max"));
	}

	/**
	 * The send buffer of a socket that asks for nothing.
	 * @return {@code net.core.wmem_default}
	 * @throws Exception if the sysctl cannot be read
	 */
	public static long defaultSendBuffer() throws Exception {
		return sysctl("wmem_default");
	}

	private static long sysctl(String name) throws Exception {
		// Files.readString reads a /proc file by its size, which is 0
		return Long.parseLong(Files.readAllLines(Path.of("/proc/sys/net/core/" + name)).get(0).trim());
	}

	private static List<String> ss() throws Exception {
		Process process = new ProcessBuilder("ss", "-x", "-m", "-n").redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		// One connection per line: ss puts the skmem part on a line of its own when piped
		return List.of(output.replaceAll("\\n\\s+skmem", " skmem").split("\\n"));
	}

	/**
	 * One connection's send buffers.
	 *
	 * @param server the server's accepted end
	 * @param client the client's end, {@code null} if it is not in this network namespace
	 */
	public record Connection(long server, Long client) {
	}

}
