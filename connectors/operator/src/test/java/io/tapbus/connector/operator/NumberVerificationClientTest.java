package io.tapbus.connector.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Number Verification verify (plain and hashed) and device-phone-number against the operator simulator. */
class NumberVerificationClientTest {
    private static SimulatorFixture fixture;
    private static NumberVerificationClient client;

    @BeforeAll
    static void start() throws Exception {
        fixture = new SimulatorFixture();
        client = fixture.apis(Duration.ofSeconds(2)).numberVerification();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void verifiesTheDevicesNumberPlainAndHashed() {
        fixture.sim.state().deviceNumber("+8613800000001");
        assertThat(client.verify("+8613800000001")).isTrue();
        assertThat(client.verify("+8613800000002")).isFalse();
        assertThat(client.verifyHashed("+8613800000001")).isTrue();
        assertThat(client.verifyHashed("+8613800000002")).isFalse();
        assertThat(client.devicePhoneNumber()).isEqualTo("+8613800000001");
    }

    @Test
    void theHashIsSha256OfTheE164NumberInLowerCaseHex() {
        // computed independently: printf '%s' '+123456789' | sha256sum
        assertThat(NumberVerificationClient.hash("+123456789")).isEqualTo("b49f9168e8a886ffd61a090b51a26e117717f5f6fa804af49ea67043a2bfa4f0");
        assertThat(NumberVerificationClient.hash("+123456789")).isNotEqualTo(NumberVerificationClient.hash("123456789"));
    }

    @Test
    void aDeviceNotOnTheMobileNetworkIsPermissionDeniedWithTheApisCode() {
        fixture.sim.state().deviceNumber(null);
        try {
            assertThatThrownBy(() -> client.verify("+8613800000001")).isInstanceOf(CamaraException.PermissionDenied.class)
                    .satisfies(e -> assertThat(((CamaraException) e).code())
                            .isEqualTo("NUMBER_VERIFICATION.USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK"));
        } finally {
            fixture.sim.state().deviceNumber("+8613800000001");
        }
    }
}
