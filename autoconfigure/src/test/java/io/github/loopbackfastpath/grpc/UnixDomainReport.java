package io.github.loopbackfastpath.grpc;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import io.github.loopbackfastpath.test.Http;

/**
 * The gRPC same-host tests' reading of the endpoint: the routed channel connections and
 * the connections the published gRPC socket accepted.
 *
 * @param port the application's HTTP port
 * @param directory the socket directory
 */
record UnixDomainReport(int port, Path directory) {

	DocumentContext read() {
		try {
			return Http.json("http://127.0.0.1:" + this.port + "/actuator/loopbackfastpath");
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	List<Map<String, Object>> unixDomainClients(Path socket) {
		return read().read("$.sockets[?(@.component == 'grpc-client' && @.transport == 'UNIX_DOMAIN' && @.path == '"
				+ socket + "')]");
	}

	long acceptedConnections(int grpcPort) {
		List<Number> accepted = read()
			.read("$.sockets[?(@.component == 'grpc' && @.transport == 'UNIX_DOMAIN' && @.path == '"
					+ this.directory.resolve(grpcPort + ".sock") + "')].acceptedConnections");
		return accepted.get(0).longValue();
	}

}
