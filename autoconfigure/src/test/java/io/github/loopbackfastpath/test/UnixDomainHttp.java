package io.github.loopbackfastpath.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One HTTP/1.1 request over an AF_UNIX socket with the JDK's own channel: what a client
 * outside the starter (curl --unix-socket) sends.
 */
public final class UnixDomainHttp {

	private UnixDomainHttp() {
	}

	/**
	 * Send a GET and read the whole response.
	 * @param socket the socket file
	 * @param host the Host header
	 * @param path the request path
	 * @return the response, status line, headers and body
	 * @throws IOException if the socket fails
	 */
	public static String get(Path socket, String host, String path) throws IOException {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(socket));
			String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
			channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			ByteBuffer buffer = ByteBuffer.allocate(8192);
			while (channel.read(buffer) > 0) {
				response.write(buffer.array(), 0, buffer.position());
				buffer.clear();
			}
			return response.toString(StandardCharsets.UTF_8);
		}
	}

}
