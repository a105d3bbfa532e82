package io.github.loopbackfastpath.sample.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.client.ClientConnections;
import io.github.loopbackfastpath.unixdomain.client.grpc.GrpcUnixDomainChannels;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
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

	private final BenchSettings settings;

	private final PrintStream out;

	private final int port;

	private final @Nullable SocketPublisher sockets;

	private final @Nullable UnixDomainRouter router;

	private final @Nullable ClientConnections connections;

	private int grpcPort;

	private @Nullable GrpcUnixDomainChannels grpcChannels;

	private List<String> only = List.of();

	LoopbackBench(FastPathEngine fastPath, BenchSettings settings, PrintStream out) {
		this(fastPath, settings, out, 0, null, null, null);
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
	 * @param connections the same-host mode's client records, or {@code null} when it is
	 * off
	 */
	LoopbackBench(FastPathEngine fastPath, BenchSettings settings, PrintStream out, int port,
			@Nullable SocketPublisher sockets, @Nullable UnixDomainRouter router,
			@Nullable ClientConnections connections) {
		this.fastPath = fastPath;
		this.settings = settings;
		this.out = out;
		this.port = port;
		this.sockets = sockets;
		this.router = router;
		this.connections = connections;
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
	Map<WorkloadName, Comparison> run() throws Exception {
		List<Mode> modes = availableModes();
		this.out.printf(Locale.ROOT,
				"Loopback bench on %s, JDK %s: %d rounds after one warm-up, modes %s in rotating and "
						+ "reversed order%n",
				this.fastPath.platformInfo().osName(), Runtime.version(), this.settings.rounds(),
				modes.stream().map(Mode::label).toList());
		Map<WorkloadName, Comparison> results = new LinkedHashMap<>();
		measure(results, new WorkloadName("JDK channels", "small (128 B)"), modes,
				Round.inTurn(new ChannelWorkload(this.fastPath, 128, this.settings.smallRequests())));
		measure(results, new WorkloadName("JDK channels", "bulk (1 MiB)"), modes,
				Round.inTurn(new ChannelWorkload(this.fastPath, 1024 * 1024, this.settings.bulkRequests())));
		measure(results, new WorkloadName("JDK channels", "connection"), modes,
				Round.inTurn(new ChannelWorkload(this.fastPath, 0, this.settings.connections())));
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
		Verdicts.verdicts(results).forEach((line) -> this.out.println("  " + line));
		List<String> kept = Verdicts.bulkGainKept(results);
		if (!kept.isEmpty()) {
			this.out.println();
			this.out.println("Bulk (1 MiB): how much of the bare AF_UNIX channel's gain each stack keeps:");
			kept.forEach((line) -> this.out.println("  " + line));
		}
		return results;
	}

	private void runHttp(Map<WorkloadName, Comparison> results) throws Exception {
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
		HttpBench http = new HttpBench(this.port, this.router, this.connections);
		for (String client : List.of("webclient", "restclient")) {
			String stack = client + " -> " + server;
			measure(results, new WorkloadName(stack, "small (128 B)"), modes,
					http.workload(client, 128, this.settings.httpSmall(), false));
			measure(results, new WorkloadName(stack, "bulk (1 MiB)"), modes,
					http.workload(client, 1024 * 1024, this.settings.httpBulk(), false));
			measure(results, new WorkloadName(stack, "connection"), modes,
					http.workload(client, 128, this.settings.httpConnections(), true));
		}
	}

	private void runGrpc(Map<WorkloadName, Comparison> results) throws Exception {
		List<Mode> modes = GrpcBench.modes(this.grpcPort, this.sockets, this.grpcChannels);
		if (!modes.contains(Mode.UNIX_DOMAIN)) {
			this.out.println("gRPC over AF_UNIX is not run: the same-host mode is off or did not publish the gRPC "
					+ "server (loopback.fast-path.unix-domain.enabled)");
		}
		GrpcBench grpc = new GrpcBench(this.grpcPort, this.grpcChannels);
		String stack = "grpc-java -> grpc-netty";
		measure(results, new WorkloadName(stack, "unary (128 B)"), modes,
				grpc.workload(128, this.settings.httpSmall(), false, false));
		measure(results, new WorkloadName(stack, "unary (64 KiB)"), modes,
				grpc.workload(64 * 1024, this.settings.httpSmall() / 4, false, false));
		measure(results, new WorkloadName(stack, "stream (16x64 KiB)"), modes,
				grpc.workload(64 * 1024, this.settings.httpBulk() * 4, true, false));
		measure(results, new WorkloadName(stack, "channel"), modes,
				grpc.workload(128, this.settings.httpConnections(), false, true));
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

	private void print(WorkloadName name, Mode mode, Result result, Comparison comparison) {
		String stack = name.stack();
		String workload = name.workload();
		String throughput = (result.bytesPerSecond() > 0)
				? String.format(Locale.ROOT, "%.1f MiB/s", result.bytesPerSecond() / (1024.0 * 1024.0))
				: String.format(Locale.ROOT, "%.0f conn/s", result.operationsPerSecond());
		String ratio = (mode == Mode.TCP) ? "1" : comparison.ratios().get(mode).describe();
		this.out.printf(Locale.ROOT, "%-24s %-14s %-16s %10.1f %10.1f %16s  %s%n", stack, workload, mode.label(),
				result.p50Micros(), result.p99Micros(), throughput, ratio);
	}

	private void measure(Map<WorkloadName, Comparison> results, WorkloadName name, List<Mode> modes, Round round)
			throws Exception {
		if (this.only.stream().allMatch(name.toString()::contains)) {
			results.put(name, new Rounds(this.settings.rounds(), this.out).compare(name, modes, round));
		}
	}

}
