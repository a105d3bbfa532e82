package io.github.loopbackfastpath.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx, its workers as {@code www-data}, in front of an AF_UNIX socket: a proxy
 * nobody here wrote. Needs root (to switch its workers' user).
 *
 * @author Loopback Fast Path contributors
 */
public final class Nginx implements AutoCloseable {

	private final Process process;

	private Nginx(Process process) {
		this.process = process;
	}

	/**
	 * Proxy HTTP/1.1 from a TCP port to a socket ({@code proxy_pass}).
	 * @param base a directory of its own for its files
	 * @param port the TCP port it listens on
	 * @param socket the socket it proxies to
	 * @return the running nginx
	 * @throws Exception if it could not start
	 */
	public static Nginx http(Path base, int port, Path socket) throws Exception {
		return start(base, "listen 127.0.0.1:" + port + ";", "proxy_pass http://unix:" + socket + ":;", port);
	}

	/**
	 * Proxy gRPC (h2c) from a TCP port to a socket ({@code grpc_pass}).
	 * @param base a directory of its own for its files
	 * @param port the TCP port it listens on
	 * @param socket the socket it proxies to
	 * @return the running nginx
	 * @throws Exception if it could not start
	 */
	public static Nginx grpc(Path base, int port, Path socket) throws Exception {
		return start(base, "listen 127.0.0.1:" + port + " http2;", "grpc_pass grpc://unix:" + socket + ";", port);
	}

	private static Nginx start(Path base, String listen, String pass, int port) throws Exception {
		Files.createDirectories(base);
		Path conf = base.resolve("nginx.conf");
		Files.writeString(conf, """
				user www-data;
				daemon off;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log;
				events {}
				http {
					access_log off;
					client_body_temp_path %1$s/body;
					proxy_temp_path %1$s/proxy;
					fastcgi_temp_path %1$s/fastcgi;
					uwsgi_temp_path %1$s/uwsgi;
					scgi_temp_path %1$s/scgi;
					server {
						%2$s
						location / {
							%3$s
						}
					}
				}
				""".formatted(base, listen, pass));
		Process process = new ProcessBuilder("nginx", "-c", conf.toString(), "-p", base.toString())
			.redirectErrorStream(true)
			.redirectOutput(base.resolve("nginx.out").toFile())
			.start();
		Nginx nginx = new Nginx(process);
		for (int attempt = 0; attempt < 300; attempt++) {
			try (Socket probe = new Socket()) {
				probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
				return nginx;
			}
			catch (IOException ex) {
				if (!process.isAlive()) {
					break;
				}
				Thread.sleep(100);
			}
		}
		nginx.close();
		throw new IllegalStateException("nginx did not listen: " + Files.readString(base.resolve("nginx.out")));
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

}
