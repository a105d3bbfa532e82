package io.github.loopbackfastpath.sample;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.record.LiveSocket;
import io.github.loopbackfastpath.record.SocketRecord;
import io.github.loopbackfastpath.record.Stage;
import org.HdrHistogram.Histogram;

/**
 * The answer to "should I turn this on?" on this machine: a loopback request/response
 * workload run with the fast path on both ends and with it on neither, in alternating
 * rounds so that drift cancels, for small (128 B) and bulk (1 MiB) payloads, plus
 * connection set-up. Prints p50/p99 latency, throughput and connection set-up time for
 * each, with the ratio, and the status of every socket the fast path was requested for,
 * so it is plain whether Windows really applied it.
 *
 * @author Loopback Fast Path contributors
 */
final class LoopbackBench {

	private final FastPathEngine fastPath;

	private final Settings settings;

	private final PrintStream out;

	LoopbackBench(FastPathEngine fastPath, Settings settings, PrintStream out) {
		this.fastPath = fastPath;
		this.settings = settings;
		this.out = out;
	}

	/**
	 * Run every workload and print the report.
	 * @return the results, per workload and mode
	 * @throws Exception on I/O failure
	 */
	Map<String, Result[]> run() throws Exception {
		this.out.printf(Locale.ROOT, "Loopback fast path bench on %s, JDK %s: %d rounds per mode, alternating%n",
				this.fastPath.platformInfo().osName(), Runtime.version(), this.settings.rounds());
		Map<String, Result[]> results = new LinkedHashMap<>();
		results.put("small (128 B)", compare(new Workload(128, this.settings.smallRequests())));
		results.put("bulk (1 MiB)", compare(new Workload(1024 * 1024, this.settings.bulkRequests())));
		results.put("connection", compare(new Workload(0, this.settings.connections())));
		this.out.println();
		this.out.printf(Locale.ROOT, "%-14s %-10s %12s %12s %16s %14s%n", "workload", "mode", "p50 (us)", "p99 (us)",
				"throughput", "vs off");
		for (Map.Entry<String, Result[]> entry : results.entrySet()) {
			Result on = entry.getValue()[0];
			Result off = entry.getValue()[1];
			print(entry.getKey(), "fast path", on, off);
			print(entry.getKey(), "off", off, off);
		}
		this.out.println();
		this.out.println("Sockets the fast path was requested for (both ends):");
		this.fastPath.registry()
			.totals()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 0)
			.forEach((entry) -> this.out.printf(Locale.ROOT, "  %-26s %d%n", entry.getKey(), entry.getValue()));
		SocketRecord sample = this.fastPath.registry().records().stream().findFirst().orElse(null);
		if (sample != null) {
			this.out.println("  for example: " + sample.status() + " - " + sample.outcome().message());
		}
		return results;
	}

	private void print(String workload, String mode, Result result, Result off) {
		String throughput = (result.bytesPerSecond() > 0)
				? String.format(Locale.ROOT, "%.1f MiB/s", result.bytesPerSecond() / (1024.0 * 1024.0))
				: String.format(Locale.ROOT, "%.0f conn/s", result.operationsPerSecond());
		this.out.printf(Locale.ROOT, "%-14s %-10s %12.1f %12.1f %16s %13.3fx%n", workload, mode, result.p50Micros(),
				result.p99Micros(), throughput, result.operationsPerSecond() / off.operationsPerSecond());
	}

	// Alternate rounds with and without the fast path, in the order on, off, off, on, on,
	// off... so that drift (such as the sockets closed by earlier rounds still in
	// TIME_WAIT) weighs on both modes alike; merge each mode's rounds
	private Result[] compare(Workload workload) throws Exception {
		List<Result> on = new ArrayList<>();
		List<Result> off = new ArrayList<>();
		for (int round = 0; round < this.settings.rounds(); round++) {
			boolean onFirst = round % 2 == 0;
			(onFirst ? on : off).add(workload.run(onFirst));
			(onFirst ? off : on).add(workload.run(!onFirst));
		}
		return new Result[] { Result.merge(on), Result.merge(off) };
	}

	private final class Workload {

		private final int payload;

		private final int operations;

		Workload(int payload, int operations) {
			this.payload = payload;
			this.operations = operations;
		}

		Result run(boolean fastPath) throws Exception {
			ExecutorService server = Executors.newCachedThreadPool();
			try (ServerSocketChannel listener = ServerSocketChannel.open()) {
				if (fastPath) {
					request(SocketRequest.listener("bench", Stage.BEFORE_BIND, LiveSocket.of(listener)), listener);
				}
				listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
				InetSocketAddress address = (InetSocketAddress) listener.getLocalAddress();
				server.execute(() -> serve(listener, server));
				return (this.payload == 0) ? connections(address, fastPath) : exchanges(address, fastPath);
			}
			finally {
				server.shutdownNow();
			}
		}

		// Connect, be accepted, and see the server close first (so that TIME_WAIT stays
		// on
		// the listener's side and earlier rounds do not slow the client's port choice)
		private Result connections(InetSocketAddress address, boolean fastPath) throws IOException {
			Histogram histogram = new Histogram(3);
			ByteBuffer eof = ByteBuffer.allocate(1);
			long start = System.nanoTime();
			for (int i = 0; i < this.operations; i++) {
				long begin = System.nanoTime();
				try (SocketChannel client = open(address, fastPath)) {
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

		private Result exchanges(InetSocketAddress address, boolean fastPath) throws IOException {
			Histogram histogram = new Histogram(3);
			ByteBuffer request = ByteBuffer.allocateDirect(this.payload);
			ByteBuffer response = ByteBuffer.allocateDirect(this.payload);
			try (SocketChannel client = open(address, fastPath)) {
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

		private SocketChannel open(InetSocketAddress address, boolean fastPath) throws IOException {
			SocketChannel client = SocketChannel.open();
			if (fastPath) {
				request(SocketRequest.client("bench", LiveSocket.of(client), address), client);
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
			catch (IOException | java.util.concurrent.RejectedExecutionException ex) {
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

		private void request(SocketRequest request, java.nio.channels.Channel channel) {
			LoopbackBench.this.fastPath.request(request, channel);
		}

	}

	/**
	 * How many operations of each workload, and how many rounds per mode.
	 *
	 * @param rounds rounds per mode
	 * @param smallRequests 128-byte round trips per round
	 * @param bulkRequests 1 MiB round trips per round
	 * @param connections connections per round
	 */
	record Settings(int rounds, int smallRequests, int bulkRequests, int connections) {

		static final Settings DEFAULT = new Settings(3, 20_000, 200, 2_000);

	}

	/**
	 * One mode's measurements of one workload.
	 *
	 * @param histogram latencies in microseconds
	 * @param elapsedNanos time spent
	 * @param operations operations done
	 * @param bytes bytes moved, both directions
	 */
	record Result(Histogram histogram, long elapsedNanos, long operations, long bytes) {

		static Result merge(List<Result> results) {
			Histogram histogram = new Histogram(3);
			results.forEach((result) -> histogram.add(result.histogram()));
			return new Result(histogram, results.stream().mapToLong(Result::elapsedNanos).sum(),
					results.stream().mapToLong(Result::operations).sum(),
					results.stream().mapToLong(Result::bytes).sum());
		}

		double p50Micros() {
			return this.histogram.getValueAtPercentile(50);
		}

		double p99Micros() {
			return this.histogram.getValueAtPercentile(99);
		}

		double operationsPerSecond() {
			return this.operations / (this.elapsedNanos / 1e9);
		}

		double bytesPerSecond() {
			return this.bytes / (this.elapsedNanos / 1e9);
		}

	}

}
