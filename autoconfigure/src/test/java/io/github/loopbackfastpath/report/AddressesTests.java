package io.github.loopbackfastpath.report;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Addresses}.
 */
class AddressesTests {

	@Test
	void formatsAddressesAsPeopleWriteThem() throws Exception {
		assertThat(Addresses.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080)))
			.isEqualTo("127.0.0.1:8080");
		assertThat(Addresses.format(new InetSocketAddress(InetAddress.getByName("::"), 8080))).isEqualTo("[::]:8080");
		assertThat(Addresses.format(new InetSocketAddress(InetAddress.getByName("::1"), 80))).isEqualTo("[::1]:80");
		assertThat(Addresses.format(new InetSocketAddress(InetAddress.getByName("fe80::1:0:0:5"), 1)))
			.isEqualTo("[fe80::1:0:0:5]:1");
		assertThat(Addresses.format(new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 1)))
			.isEqualTo("[2001:db8::1:0:0:1]:1");
		assertThat(Addresses.format(new InetSocketAddress(InetAddress.getByName("1:0:0:0:0:0:0:0"), 1)))
			.isEqualTo("[1::]:1");
		assertThat(Addresses.format(null)).isNull();
	}

}
