package io.github.loopbackfastpath.sample;

import java.io.IOException;
import java.io.PrintStream;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.registry.LiveSocket;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.Stage;
import io.github.loopbackfastpath.unixdomain.UnixDomainPublisher;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.grpc.GrpcUnixDomainChannels;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.jspecify.annotations.Nullable;

/**
 * The answer to "should I turn this on?" on this machine: loopback request/response
 * workloads (128 B and 1 MiB echoed, and connection set-up) over each transport the
 * machine has, in rounds that rotate the order of the modes so that drift weighs on all
 * alike (the HTTP workloads also alternate the modes in blocks within a round, see
 * {@link HttpBench}):
 * <ul>
 * <li>{@code tcp}: TCP loopback, the baseline;</li>
 * <li>{@code tcp (A/A)}: the very same again, whose ratio to the baseline is the noise
 * floor of this machine;</li>
 * <li>{@code tcp + fast path}: TCP with {@code SIO_LOOPBACK_FAST_PATH} requested on both
 * ends, where the OS has the ioctl (Windows);</li>
 * <li>{@code AF_UNIX}: Unix domain sockets, where the OS and the JDK have them.</li>
 * </ul>
 * Every ratio to {@code tcp} is the geometric mean of the per-round throughput ratios,
 * with its 95% confidence interval (Student's t over the rounds); an interval that
 * contains 1 is reported as "no difference beyond noise". A bare ratio misleads: on a
 * small machine two identical runs differ by 10-25%.
 *
 * @author Loopback Fast Path contributors
 */
final class LoopbackBench {

	private final FastPathEngine fastPath;

	private final Settings settings;

	private final PrintStream out;

	private final int port;

	private final @Nullable UnixDomainPublisher sockets;

	private final @Nullable UnixDomainRouter router;

	private int grpcPort;

	private @Nullable GrpcUnixDomainChannels grpcChannels;

	private List<String> only = List.of();

	LoopbackBench(FastPathEngine fastPath, Settings settings, PrintStream out) {
		this(fastPath, settings, out, 0, null, null);
	}

	/**
	 * Create a bench that also runs the HTTP workloads against the application's server.
	 * @param fastPath the engine
	 * @param settings the workload sizes
	 * @param out where the report goes
	 * @param port the application's HTTP port, or 0 for no HTTP workloads
	 * @param sockets the same-host mode's published sockets, or {@code null} when it is
	 * off
	 * @param router the same-host mode's routing, or {@code null} when it is off
	 */
	LoopbackBench(FastPathEngine fastPath, Settings settings, PrintStream out, int port,
			@Nullable UnixDomainPublisher sockets, @Nullable UnixDomainRouter router) {
		this.fastPath = fastPath;
		this.settings = settings;
		this.out = out;
		this.port = port;
		this.sockets = sockets;
		this.router = router;
	}

	/**
	 * Run only the workloads whose name
	 * ({@code restclient -> reactor-netty bulk (1 MiB)}) contains every one of some
	 * words.
	 * @param words the words, none for every workload
	 * @return this bench
	 */
	LoopbackBench only(List<String> words) {
		this.only = List.copyOf(words);
		return this;
	}

	/**
	 * Also run the gRPC workloads against the application's gRPC server.
	 * @param port the gRPC server's port
	 * @param channels the same-host mode's routing for gRPC channels, or {@code null}
	 * when it is off
	 * @return this bench
	 */
	LoopbackBench withGrpc(int port, @Nullable GrpcUnixDomainChannels channels) {
		this.grpcPort = port;
		this.grpcChannels = channels;
		return this;
	}

	/**
	 * Run every workload in every mode this machine has and print the report.
	 * @return the comparisons, per workload
	 * @throws Exception on I/O failure
	 */
	Map<String, Comparison> run() throws Exception {
		List<Mode> modes = availableModes();
		this.out.printf(Locale.ROOT,
				"Loopback bench on %s, JDK %s: %d rounds after one warm-up, modes %s in rotating and "
						+ "reversed order%n",
				this.fastPath.platformInfo().osName(), Runtime.version(), this.settings.rounds(),
				modes.stream().map(Mode::label).toList());
		Map<String, Comparison> results = new LinkedHashMap<>();
		measure(results, "JDK channels|small (128 B)", modes,
				inTurn(new ChannelWorkload(128, this.settings.smallRequests())));
		measure(results, "JDK channels|bulk (1 MiB)", modes,
				inTurn(new ChannelWorkload(1024 * 1024, this.settings.bulkRequests())));
		measure(results, "JDK channels|connection", modes, inTurn(new ChannelWorkload(0, this.settings.connections())));
		if (this.port > 0) {
			runHttp(results);
		}
		if (this.grpcPort > 0) {
			runGrpc(results);
		}
		this.out.println();
		this.out.printf(Locale.ROOT, "%-24s %-14s %-16s %10s %10s %16s  %s%n", "stack", "workload", "mode", "p50 (us)",
				"p99 (us)", "throughput", "vs tcp, 95% CI");
		results.forEach((name, comparison) -> comparison.results()
			.forEach((mode, result) -> print(name, mode, result, comparison)));
		this.out.println();
		this.out.println("Sockets the fast path was requested for (both ends):");
		this.fastPath.registry()
			.totals()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 0)
			.forEach((entry) -> this.out.printf(Locale.ROOT, "  %-26s %d%n", entry.getKey(), entry.getValue()));
		SocketRecord sample = this.fastPath.registry().records().stream().findFirst().orElse(null);
		this.out.println((sample != null) ? "  for example: " + sample.status() + " - " + sample.outcome().message()
				: "  none: the OS has no SIO_LOOPBACK_FAST_PATH, so that mode was not run");
		this.out.println();
		this.out.println("Verdict, per path (95% intervals; read them against the tcp (A/A) lines above):");
		verdicts(results).forEach((line) -> this.out.println("  " + line));
		List<String> kept = bulkGainKept(results);
		if (!kept.isEmpty()) {
			this.out.println();
			this.out.println("Bulk (1 MiB): how much of the bare AF_UNIX channel's gain each stack keeps:");
			kept.forEach((line) -> this.out.println("  " + line));
		}
		return results;
	}

	/**
	 * For each stack, the share of the bare AF_UNIX channel's bulk gain over TCP that the
	 * stack's AF_UNIX bulk transfers keep, on a log scale (a stack as fast as the bare
	 * channel keeps 100%, one as fast as TCP 0%). Only where the bare channel is faster
	 * beyond noise.
	 * @param results the comparisons, per workload
	 * @return one line per stack
	 */
	static List<String> bulkGainKept(Map<String, Comparison> results) {
		Comparison bare = results.get("JDK channels|bulk (1 MiB)");
		Ratio bareRatio = (bare != null) ? bare.ratios().get(Mode.UNIX_DOMAIN) : null;
		if (bareRatio == null || !bareRatio.beyondNoise() || bareRatio.ratio() <= 1) {
			return List.of();
		}
		List<String> lines = new ArrayList<>();
		results.forEach((name, comparison) -> {
			Ratio ratio = comparison.ratios().get(Mode.UNIX_DOMAIN);
			if (name.endsWith("|bulk (1 MiB)") && !name.startsWith("JDK channels") && ratio != null) {
				lines.add(String.format(Locale.ROOT, "%s: %.3fx of the bare channel's %.3fx, %.0f%% of the gain",
						name.substring(0, name.indexOf('|')), ratio.ratio(), bareRatio.ratio(),
						100 * Math.log(ratio.ratio()) / Math.log(bareRatio.ratio())));
			}
		});
		return lines;
	}

	/**
	 * One plain line per stack and mode: which workloads the mode helps, which it slows
	 * down, and which show no difference beyond noise.
	 * @param results the comparisons, per workload
	 * @return the lines
	 */
	static List<String> verdicts(Map<String, Comparison> results) {
		Map<String, Map<Mode, Map<String, List<String>>>> byStack = new LinkedHashMap<>();
		results.forEach((name, comparison) -> {
			String stack = name.substring(0, name.indexOf('|'));
			String workload = name.substring(name.indexOf('|') + 1);
			comparison.ratios().forEach((mode, ratio) -> {
				if (mode == Mode.TCP_AGAIN) {
					return;
				}
				String verdict = !ratio.beyondNoise() ? "no difference beyond noise"
						: (ratio.ratio() > 1) ? "helps" : "is slower";
				byStack.computeIfAbsent(stack, (key) -> new LinkedHashMap<>())
					.computeIfAbsent(mode, (key) -> new LinkedHashMap<>())
					.computeIfAbsent(verdict, (key) -> new ArrayList<>())
					.add(workload);
			});
		});
		List<String> lines = new ArrayList<>();
		byStack.forEach((stack, modes) -> modes.forEach((mode, verdicts) -> {
			List<String> parts = new ArrayList<>();
			verdicts.forEach((verdict, workloads) -> parts
				.add(verdict.equals("no difference beyond noise") ? String.join(", ", workloads) + ": " + verdict
						: mode.label() + " " + verdict + " " + String.join(", ", workloads)));
			lines.add(stack + ": " + String.join("; ", parts));
		}));
		return lines;
	}

	private void runHttp(Map<String, Comparison> results) throws Exception {
		List<Mode> modes = HttpBench.modes(this.sockets);
		if (!modes.contains(Mode.UNIX_DOMAIN)) {
			this.out.println("HTTP over AF_UNIX is not run: the same-host mode is off or published nothing "
					+ "(loopback.fast-path.unix-domain.enabled)");
		}
		String server = this.fastPath.registry()
			.records()
			.stream()
			.filter((record) -> record.role() == io.github.loopbackfastpath.registry.SocketRole.LISTENER)
			.map((record) -> record.outcome().component())
			.findFirst()
			.orElse("server");
		HttpBench http = new HttpBench(this.port, this.router);
		for (String client : List.of("webclient", "restclient")) {
			String stack = client + " -> " + server;
			measure(results, stack + "|small (128 B)", modes,
					http.workload(client, 128, this.settings.httpSmall(), false));
			measure(results, stack + "|bulk (1 MiB)", modes,
					http.workload(client, 1024 * 1024, this.settings.httpBulk(), false));
			measure(results, stack + "|connection", modes,
					http.workload(client, 128, this.settings.httpConnections(), true));
		}
	}

	private void runGrpc(Map<String, Comparison> results) throws Exception {
		List<Mode> modes = GrpcBench.modes(this.grpcPort, this.sockets, this.grpcChannels);
		if (!modes.contains(Mode.UNIX_DOMAIN)) {
			this.out.println("gRPC over AF_UNIX is not run: the same-host mode is off or did not publish the gRPC "
					+ "server (loopback.fast-path.unix-domain.enabled)");
		}
		GrpcBench grpc = new GrpcBench(this.grpcPort, this.grpcChannels);
		String stack = "grpc-java -> grpc-netty";
		measure(results, stack + "|unary (128 B)", modes, grpc.workload(128, this.settings.httpSmall(), false, false));
		measure(results, stack + "|unary (64 KiB)", modes,
				grpc.workload(64 * 1024, this.settings.httpSmall() / 4, false, false));
		measure(results, stack + "|stream (16x64 KiB)", modes,
				grpc.workload(64 * 1024, this.settings.httpBulk() * 4, true, false));
		measure(results, stack + "|channel", modes, grpc.workload(128, this.settings.httpConnections(), false, true));
	}

	private List<Mode> availableModes() {
		List<Mode> modes = new ArrayList<>(List.of(Mode.TCP, Mode.TCP_AGAIN));
		if (this.fastPath.platformInfo().fastPathSupported()) {
			modes.add(Mode.FAST_PATH);
		}
		String unixDomain = unixDomainProblem();
		if (unixDomain == null) {
			modes.add(Mode.UNIX_DOMAIN);
		}
		else {
			this.out.println("AF_UNIX is not run: " + unixDomain);
		}
		return modes;
	}

	private static @Nullable String unixDomainProblem() {
		try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			return null;
		}
		catch (IOException | UnsupportedOperationException ex) {
			return ex.toString();
		}
	}

	private void print(String name, Mode mode, Result result, Comparison comparison) {
		String stack = name.substring(0, name.indexOf('|'));
		String workload = name.substring(name.indexOf('|') + 1);
		String throughput = (result.bytesPerSecond() > 0)
				? String.format(Locale.ROOT, "%.1f MiB/s", result.bytesPerSecond() / (1024.0 * 1024.0))
				: String.format(Locale.ROOT, "%.0f conn/s", result.operationsPerSecond());
		String ratio = (mode == Mode.TCP) ? "1" : comparison.ratios().get(mode).describe();
		this.out.printf(Locale.ROOT, "%-24s %-14s %-16s %10.1f %10.1f %16s  %s%n", stack, workload, mode.label(),
				result.p50Micros(), result.p99Micros(), throughput, ratio);
	}

	// Round r runs the modes starting at mode r (mod their number), and every other cycle
	// of rounds in reverse order, so that each mode is as often first, second, and so on,
	// and follows each other mode as often (what one mode leaves behind, in caches or
	// event loops, weighs on all alike); each round gives each mode's throughput ratio
	// to tcp in that round

	// One mode after the other
	private static Round inTurn(Workload workload) {
		return (order) -> {
			Map<Mode, Result> results = new EnumMap<>(Mode.class);
			for (Mode mode : order) {
				results.put(mode, workload.run(mode));
			}
			return results;
		};
	}

	private void measure(Map<String, Comparison> results, String name, List<Mode> modes, Round round) throws Exception {
		if (this.only.stream().allMatch(name.replace('|', ' ')::contains)) {
			results.put(name, compare(name, modes, round));
		}
	}

	private Comparison compare(String name, List<Mode> modes, Round round) throws Exception {
		String label = name.replace('|', ' ');
		long started = System.nanoTime();
		this.out.printf(Locale.ROOT, "%s: warm-up%n", label);
		// Warm-up: JIT, pools and caches, not recorded
		round.run(modes);
		Map<Mode, List<Result>> rounds = new EnumMap<>(Mode.class);
		for (int r = 0; r < this.settings.rounds(); r++) {
			List<Mode> order = new ArrayList<>(modes);
			if ((r / modes.size()) % 2 == 1) {
				Collections.reverse(order);
			}
			Collections.rotate(order, -(r % modes.size()));
			round.run(order)
				.forEach((mode, result) -> rounds.computeIfAbsent(mode, (key) -> new ArrayList<>()).add(result));
			long perRound = (System.nanoTime() - started) / (r + 2);
			this.out.printf(Locale.ROOT, "%s: round %d of %d, about %d s left for it%n", label, r + 1,
					this.settings.rounds(), perRound * (this.settings.rounds() - r - 1) / 1_000_000_000L);
		}
		Map<Mode, Result> results = new LinkedHashMap<>();
		Map<Mode, Ratio> ratios = new LinkedHashMap<>();
		for (Mode mode : modes) {
			results.put(mode, Result.merge(rounds.get(mode)));
			if (mode != Mode.TCP) {
				ratios.put(mode, Ratio.of(rounds.get(mode), rounds.get(Mode.TCP)));
			}
		}
		return new Comparison(results, ratios);
	}

	/**
	 * One workload, run once per mode and round.
	 */
	@FunctionalInterface
	interface Workload {

		/**
		 * Run the workload once.
		 * @param mode the transport
		 * @return what was measured
		 * @throws Exception on I/O failure
		 */
		Result run(Mode mode) throws Exception;

	}

	/**
	 * One round of a workload: every mode once, in the given order or interleaved.
	 */
	@FunctionalInterface
	interface Round {

		/**
		 * Run the round.
		 * @param order the modes, the first to start first
		 * @return what was measured, per mode
		 * @throws Exception on I/O failure
		 */
		Map<Mode, Result> run(List<Mode> order) throws Exception;

	}

	private final class ChannelWorkload implements Workload {

		private final int payload;

		private final int operations;

		ChannelWorkload(int payload, int operations) {
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
				LoopbackBench.this.fastPath
					.request(SocketRequest.listener("bench", Stage.BEFORE_BIND, LiveSocket.of(listener)), listener);
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
				LoopbackBench.this.fastPath
					.request(SocketRequest.client("bench", LiveSocket.of(client), (InetSocketAddress) address), client);
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

	/**
	 * A way to move bytes between two sockets of this machine.
	 */
	enum Mode {

		/**
		 * TCP loopback: the baseline.
		 */
		TCP("tcp"),

		/**
		 * TCP loopback again: the noise floor.
		 */
		TCP_AGAIN("tcp (A/A)"),

		/**
		 * TCP loopback with the fast path requested on both ends.
		 */
		FAST_PATH("tcp + fast path"),

		/**
		 * Unix domain sockets.
		 */
		UNIX_DOMAIN("AF_UNIX");

		private final String label;

		Mode(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

	}

	/**
	 * How many operations of each workload, and how many rounds.
	 *
	 * @param rounds rounds, each running every mode once
	 * @param smallRequests 128-byte round trips per mode and round
	 * @param bulkRequests 1 MiB round trips per mode and round
	 * @param connections connections per mode and round
	 * @param httpSmall 128-byte HTTP requests per client, mode and round
	 * @param httpBulk 1 MiB HTTP requests per client, mode and round
	 * @param httpConnections connection-per-request HTTP requests per client, mode and
	 * round
	 */
	record Settings(int rounds, int smallRequests, int bulkRequests, int connections, int httpSmall, int httpBulk,
			int httpConnections) {

		static final Settings DEFAULT = new Settings(20, 5_000, 50, 500, 3_000, 20, 300);

	}

	/**
	 * Every mode's measurements of one workload, and each mode's ratio to {@code tcp}.
	 *
	 * @param results the merged measurements per mode
	 * @param ratios the throughput ratio to {@code tcp} per mode but {@code tcp}
	 */
	record Comparison(Map<Mode, Result> results, Map<Mode, Ratio> ratios) {

	}

	/**
	 * A throughput ratio to {@code tcp}: the geometric mean of the per-round ratios, with
	 * its 95% confidence interval.
	 *
	 * @param ratio the ratio
	 * @param low the interval's lower end
	 * @param high the interval's upper end
	 * @param rounds how many rounds it rests on
	 */
	record Ratio(double ratio, double low, double high, int rounds) {

		static Ratio of(List<Result> mode, List<Result> baseline) {
			SummaryStatistics logs = new SummaryStatistics();
			for (int round = 0; round < mode.size(); round++) {
				logs.addValue(
						Math.log(mode.get(round).operationsPerSecond() / baseline.get(round).operationsPerSecond()));
			}
			double mean = logs.getMean();
			if (logs.getN() < 2) {
				return new Ratio(Math.exp(mean), Double.NaN, Double.NaN, (int) logs.getN());
			}
			double t = new TDistribution(logs.getN() - 1).inverseCumulativeProbability(0.975);
			double half = t * logs.getStandardDeviation() / Math.sqrt(logs.getN());
			return new Ratio(Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half), (int) logs.getN());
		}

		boolean beyondNoise() {
			return !Double.isNaN(this.low) && (this.low > 1 || this.high < 1);
		}

		String describe() {
			if (Double.isNaN(this.low)) {
				return String.format(Locale.ROOT, "%.3fx (one round: no interval)", this.ratio);
			}
			String verdict;
			if (!beyondNoise()) {
				verdict = "no difference beyond noise";
			}
			else {
				verdict = (this.ratio > 1) ? "faster" : "slower";
			}
			return String.format(Locale.ROOT, "%.3fx [%.3f, %.3f] %s", this.ratio, this.low, this.high, verdict);
		}

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
