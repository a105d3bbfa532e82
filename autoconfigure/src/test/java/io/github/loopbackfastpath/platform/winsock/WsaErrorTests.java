package io.github.loopbackfastpath.platform.winsock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsaError}.
 */
class WsaErrorTests {

	@Test
	void mapsEveryCodeOfTheSpecificationToItsName() {
		assertThat(WsaError.values()).extracting(WsaError::code)
			.containsExactlyInAnyOrder(997, 995, 10013, 10014, 10036, 10004, 10022, 10050, 10038, 10045);
		assertThat(WsaError.of(10045)).isEqualTo(WsaError.WSAEOPNOTSUPP);
		assertThat(WsaError.of(10038)).isEqualTo(WsaError.WSAENOTSOCK);
		assertThat(WsaError.nameOf(997)).isEqualTo("WSA_IO_PENDING");
		assertThat(WsaError.messageOf(10013)).contains("access permissions");
	}

	@Test
	void unknownCodesGetAGenericNameAndMeaning() {
		assertThat(WsaError.of(1)).isNull();
		assertThat(WsaError.nameOf(10055)).isEqualTo("WSA_ERROR_10055");
		assertThat(WsaError.messageOf(10055)).contains("10055");
	}

}
