package io.github.loopbackfastpath.sample.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.registry.LiveSocket;
import io.github.loopbackfastpath.registry.Stage;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * The bench's raw workload: JDK channels echoing bytes (or connecting and closing) over
 * TCP loopback, TCP with the fast path requested on both ends, or an AF_UNIX socket, with
 * no HTTP stack in between: what the transport itself gives.
 *
 * @author Loopback Fast Path contributors
 */
final class ChannelWorkload implements Workload {

	private final FastPathEngine fastPath;

	private final int payload;

	private final int operations;

	ChannelWorkload(FastPathEngine fastPath, int payload, int operations) {
		this.fastPath = fastPath;
		this.payload = payload;
		this.operations = operations;
	}

	@Override
	public Result run(Mode mode) throws Exception {
		ExecutorService server = Executors.newCachedThreadPool();
		Path directory = (mode == Mode.UNIX_DOMAIN) ? Files.createTempDirectory("loopback-bench") : null;
		try (ServerSocketChannel listener = listen(mode, directory)) {
			SocketAddress address = listener.getLocalAddress();
			server.execute(() -> serve(listener, server));
			return (this.payload == 0) ? connections(address, mode) : exchanges(address, mode);
		}
		finally {
			server.shutdownNow();
			if (directory != null) {
				Files.deleteIfExists(directory.resolve("bench.sock"));
				Files.deleteIfExists(directory);
			}
		}
	}

	private ServerSocketChannel listen(Mode mode, @Nullable Path directory) throws IOException {
		if (directory != null) {
			ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
			listener.bind(UnixDomainSocketAddress.of(directory.resolve("bench.sock")), 128);
			return listener;
		}
		ServerSocketChannel listener = ServerSocketChannel.open();
		if (mode == Mode.FAST_PATH) {
			this.fastPath.request(SocketRequest.listener("bench", Stage.BEFORE_BIND, LiveSocket.of(listener)),
					listener);
		}
		listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
		return listener;
	}

	// Connect, be accepted, and see the server close first (so that TIME_WAIT stays
	// on the listener's side and earlier rounds do not slow the client's port choice)
	private Result connections(SocketAddress address, Mode mode) throws IOException {
		Histogram histogram = new Histogram(3);
		ByteBuffer eof = ByteBuffer.allocate(1);
		long start = System.nanoTime();
		for (int i = 0; i < this.operations; i++) {
			long begin = System.nanoTime();
			try (SocketChannel client = open(address, mode)) {
				client.connect(address);
				eof.clear();
				while (client.read(eof) >= 0) {
					eof.clear();
				}
				histogram.recordValue((System.nanoTime() - begin) / 1000);
			}
		}
		return new Result(histogram, System.nanoTime() - start, this.operations, 0);
	}

	private Result exchanges(SocketAddress address, Mode mode) throws IOException {
		Histogram histogram = new Histogram(3);
		ByteBuffer request = ByteBuffer.allocateDirect(this.payload);
		ByteBuffer response = ByteBuffer.allocateDirect(this.payload);
		try (SocketChannel client = open(address, mode)) {
			client.connect(address);
			long start = System.nanoTime();
			for (int i = 0; i < this.operations; i++) {
				long begin = System.nanoTime();
				request.clear();
				while (request.hasRemaining()) {
					client.write(request);
				}
				response.clear();
				while (response.hasRemaining()) {
					if (client.read(response) < 0) {
						throw new IOException("The echo server closed the connection");
					}
				}
				histogram.recordValue((System.nanoTime() - begin) / 1000);
			}
			long elapsed = System.nanoTime() - start;
			return new Result(histogram, elapsed, this.operations, 2L * this.payload * this.operations);
		}
	}

	private SocketChannel open(SocketAddress address, Mode mode) throws IOException {
		if (mode == Mode.UNIX_DOMAIN) {
			return SocketChannel.open(StandardProtocolFamily.UNIX);
		}
		SocketChannel client = SocketChannel.open();
		if (mode == Mode.FAST_PATH) {
			this.fastPath.request(SocketRequest.client("bench", LiveSocket.of(client), (InetSocketAddress) address),
					client);
		}
		return client;
	}

	private void serve(ServerSocketChannel listener, ExecutorService server) {
		try {
			while (true) {
				SocketChannel accepted = listener.accept();
				server.execute(() -> echo(accepted));
			}
		}
		catch (IOException | RejectedExecutionException ex) {
			// the round is over
		}
	}

	private void echo(SocketChannel channel) {
		ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(this.payload, 1));
		try (channel) {
			while (this.payload > 0) {
				buffer.clear();
				while (buffer.hasRemaining()) {
					if (channel.read(buffer) < 0) {
						return;
					}
				}
				buffer.flip();
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
			}
		}
		catch (IOException ex) {
			// the client is gone
		}
	}

}
