package io.github.loopbackfastpath.sample.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.registry.Transport;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.client.ClientConnections;
import io.github.loopbackfastpath.unixdomain.client.grpc.GrpcUnixDomainChannels;
import io.github.loopbackfastpath.unixdomain.server.SocketPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bench mode's HTTP workloads on the sample application's own Tomcat, through
 * WebClient and RestClient, over TCP and over the starter's AF_UNIX sockets. Numbers are
 * printed, never asserted.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Linux has AF_UNIX and no SIO_LOOPBACK_FAST_PATH")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.grpc.server.port=0",
		"server.address=127.0.0.1", "loopback.fast-path.unix-domain.directory=/tmp/lfp-sample-bench-test" })
class LoopbackBenchHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	FastPathEngine fastPath;

	@Autowired
	SocketPublisher sockets;

	@Autowired
	UnixDomainRouter router;

	@Autowired
	ClientConnections connections;

	@Autowired
	BenchRunner runner;

	@Autowired
	GrpcUnixDomainChannels grpcChannels;

	@Test
	void comparesTcpAndTheStartersAfUnixThroughBothClients() throws Exception {
		long before = this.fastPath.registry().records().stream().mapToLong(SocketRecord::id).max().orElse(0);
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		Map<WorkloadName, Comparison> results = new LoopbackBench(this.fastPath,
				new BenchSettings(2, 10, 1, 2, 10, 1, 5), new PrintStream(output, true, StandardCharsets.UTF_8),
				this.port, this.sockets, this.router, this.connections)
			.withGrpc(this.runner.grpcPort(), this.grpcChannels)
			.run();
		for (String workload : List.of("unary (128 B)", "unary (64 KiB)", "stream (16x64 KiB)", "channel")) {
			Comparison comparison = results.get(new WorkloadName("grpc-java -> grpc-netty", workload));
			assertThat(comparison).as("gRPC " + workload).isNotNull();
			assertThat(comparison.results()).containsOnlyKeys(Mode.TCP, Mode.TCP_AGAIN, Mode.UNIX_DOMAIN);
		}
		assertThat(this.fastPath.registry().records())
			.filteredOn((record) -> record.id() > before && record.outcome().component().equals("grpc-client")
					&& record.outcome().transport() == Transport.UNIX_DOMAIN)
			.as("the gRPC bench's AF_UNIX channels went over the published socket")
			.isNotEmpty();
		for (String stack : List.of("webclient -> tomcat", "restclient -> tomcat")) {
			for (String workload : List.of("small (128 B)", "bulk (1 MiB)", "connection")) {
				Comparison comparison = results.get(new WorkloadName(stack, workload));
				assertThat(comparison).as(stack + " " + workload).isNotNull();
				assertThat(comparison.results()).containsOnlyKeys(Mode.TCP, Mode.TCP_AGAIN, Mode.UNIX_DOMAIN);
				assertThat(comparison.ratios().get(Mode.UNIX_DOMAIN).rounds()).isEqualTo(2);
			}
		}
		assertThat(results.get(new WorkloadName("restclient -> tomcat", "connection"))
			.results()
			.get(Mode.UNIX_DOMAIN)
			.operations()).isEqualTo(2 * 5);
		// The request that opens a round's connection is not timed
		assertThat(results.get(new WorkloadName("webclient -> tomcat", "small (128 B)"))
			.results()
			.get(Mode.UNIX_DOMAIN)
			.histogram()
			.getTotalCount()).isEqualTo(2 * 10);
		// Every round, the warm-up one too, draws fresh connections (3 for small, 3 for
		// bulk, 3 * (1 + 5) for one connection per request, more where a request took a
		// new one before the last was back in the pool) and closes them at its end
		List<SocketRecord> opened = this.fastPath.registry()
			.records()
			.stream()
			.filter((record) -> record.id() > before && record.role() == SocketRole.CLIENT
					&& record.outcome().transport() == Transport.UNIX_DOMAIN
					&& record.outcome().component().equals("reactor-netty-client"))
			.toList();
		assertThat(opened).hasSizeGreaterThanOrEqualTo(3 + 3 + 3 * 6);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(opened).allMatch((record) -> !record.isOpen()));
		assertThat(this.fastPath.registry().records()).filteredOn(
				(record) -> record.role() == SocketRole.CLIENT && record.outcome().transport() == Transport.UNIX_DOMAIN)
			.extracting((record) -> record.outcome().component())
			.contains("reactor-netty-client", "httpclient5");
		assertThat(output.toString(StandardCharsets.UTF_8)).contains("webclient -> tomcat")
			.contains("restclient -> tomcat")
			.contains("AF_UNIX");
	}

}
