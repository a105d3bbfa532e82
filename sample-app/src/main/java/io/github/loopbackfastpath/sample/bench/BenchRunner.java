package io.github.loopbackfastpath.sample.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.client.ClientConnections;
import io.github.loopbackfastpath.unixdomain.client.grpc.GrpcUnixDomainChannels;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;
import org.springframework.stereotype.Component;

/**
 * Runs {@link LoopbackBench} when the application is started with {@code --bench}, then
 * exits. Workload sizes can be changed with {@code --bench.rounds},
 * {@code --bench.small}, {@code --bench.bulk}, {@code --bench.connections} and, for the
 * HTTP workloads against the application's own server, {@code --bench.http-small},
 * {@code --bench.http-bulk} and {@code --bench.http-connections};
 * {@code --bench.only=<word>} (repeatable) runs only the workloads whose name contains
 * every word given, such as {@code --bench.only=restclient --bench.only=bulk}.
 *
 * @author Loopback Fast Path contributors
 */
@Component
class BenchRunner implements ApplicationRunner, ApplicationListener<GrpcServerStartedEvent> {

	private final ObjectProvider<FastPathEngine> fastPath;

	private final ConfigurableApplicationContext context;

	private final ObjectProvider<SocketPublisher> sockets;

	private final ObjectProvider<UnixDomainRouter> router;

	private final ObjectProvider<ClientConnections> connections;

	private volatile int grpcPort;

	private final ObjectProvider<GrpcUnixDomainChannels> grpcChannels;

	BenchRunner(ObjectProvider<FastPathEngine> fastPath, ConfigurableApplicationContext context,
			ObjectProvider<SocketPublisher> sockets, ObjectProvider<UnixDomainRouter> router,
			ObjectProvider<ClientConnections> connections, ObjectProvider<GrpcUnixDomainChannels> grpcChannels) {
		this.fastPath = fastPath;
		this.context = context;
		this.sockets = sockets;
		this.router = router;
		this.connections = connections;
		this.grpcChannels = grpcChannels;
	}

	@Override
	public void onApplicationEvent(GrpcServerStartedEvent event) {
		this.grpcPort = event.getPort();
	}

	/**
	 * The gRPC server's port, which the gRPC workloads call.
	 * @return the port, or 0 until the gRPC server has started
	 */
	int grpcPort() {
		return this.grpcPort;
	}

	@Override
	public void run(ApplicationArguments arguments) throws Exception {
		if (!arguments.containsOption("bench")) {
			return;
		}
		FastPathEngine fastPath = this.fastPath.getIfAvailable();
		if (fastPath == null) {
			throw new IllegalStateException("The bench needs the loopback fast path starter and JNA");
		}
		BenchSettings defaults = BenchSettings.DEFAULT;
		BenchSettings settings = new BenchSettings(option(arguments, "bench.rounds", defaults.rounds()),
				option(arguments, "bench.small", defaults.smallRequests()),
				option(arguments, "bench.bulk", defaults.bulkRequests()),
				option(arguments, "bench.connections", defaults.connections()),
				option(arguments, "bench.http-small", defaults.httpSmall()),
				option(arguments, "bench.http-bulk", defaults.httpBulk()),
				option(arguments, "bench.http-connections", defaults.httpConnections()));
		int port = (this.context instanceof WebServerApplicationContext web && web.getWebServer() != null)
				? web.getWebServer().getPort() : 0;
		Map<WorkloadName, Comparison> results = new LoopbackBench(fastPath, settings, System.out, port,
				this.sockets.getIfAvailable(), this.router.getIfAvailable(), this.connections.getIfAvailable())
			.withGrpc(this.grpcPort, this.grpcChannels.getIfAvailable())
			.only(arguments.containsOption("bench.only") ? arguments.getOptionValues("bench.only") : List.of())
			.run();
		if (arguments.containsOption("bench.report")) {
			Path report = Path.of(arguments.getOptionValues("bench.report").get(0));
			Path chart = BenchReport.write(report, settings, results);
			System.out.println("Report written to " + report.toAbsolutePath() + ", chart to " + chart.toAbsolutePath());
		}
		System.exit(SpringApplication.exit(this.context, () -> 0));
	}

	private static int option(ApplicationArguments arguments, String name, int defaultValue) {
		return arguments.containsOption(name) ? Integer.parseInt(arguments.getOptionValues(name).get(0)) : defaultValue;
	}

}
