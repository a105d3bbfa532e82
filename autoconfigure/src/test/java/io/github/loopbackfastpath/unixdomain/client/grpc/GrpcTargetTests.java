package io.github.loopbackfastpath.unixdomain.client.grpc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GrpcTarget}: the target forms Spring Boot and grpc-java take.
 */
class GrpcTargetTests {

	@Test
	void hostAndPortForms() {
		assertThat(GrpcTarget.parse("static://127.0.0.1:9090")).isEqualTo(new GrpcTarget("127.0.0.1", 9090));
		assertThat(GrpcTarget.parse("static://localhost:9090")).isEqualTo(new GrpcTarget("localhost", 9090));
		assertThat(GrpcTarget.parse("tcp://localhost:9090")).isEqualTo(new GrpcTarget("localhost", 9090));
		assertThat(GrpcTarget.parse("static://[::1]:9090")).isEqualTo(new GrpcTarget("[::1]", 9090));
		assertThat(GrpcTarget.parse("localhost:9090")).isEqualTo(new GrpcTarget("localhost", 9090));
		assertThat(GrpcTarget.parse("[::1]:9090")).isEqualTo(new GrpcTarget("[::1]", 9090));
		assertThat(GrpcTarget.parse("dns:///localhost:9090")).isEqualTo(new GrpcTarget("localhost", 9090));
		assertThat(GrpcTarget.parse("dns://8.8.8.8/localhost:9090")).isEqualTo(new GrpcTarget("localhost", 9090));
		assertThat(GrpcTarget.parse("example.org:443")).isEqualTo(new GrpcTarget("example.org", 443));
	}

	@Test
	void noHostAndPort() {
		assertThat(GrpcTarget.parse("unix:/tmp/grpc.sock")).isNull();
		assertThat(GrpcTarget.parse("unix:///tmp/grpc.sock")).isNull();
		assertThat(GrpcTarget.parse("in-process:test")).isNull();
		assertThat(GrpcTarget.parse("xds:///service")).isNull();
		assertThat(GrpcTarget.parse("localhost")).as("no port").isNull();
		assertThat(GrpcTarget.parse("static://localhost")).as("no port").isNull();
		assertThat(GrpcTarget.parse("")).isNull();
	}

}
