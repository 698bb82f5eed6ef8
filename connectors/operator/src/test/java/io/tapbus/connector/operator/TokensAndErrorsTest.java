package io.tapbus.connector.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OAuth2 token kept and renewed, CAMARA error bodies mapped to their exceptions, and the timeout. */
class TokensAndErrorsTest {
    private static final String NUMBER = "+8613900000021";
    private SimulatorFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new SimulatorFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void oneTokenServesManyCallsAcrossTheThreeApis() {
        OperatorApis apis = fixture.apis(Duration.ofSeconds(2));
        fixture.sim.state().deviceNumber(NUMBER);
        for (int i = 0; i < 5; i++) {
            apis.simSwap().check(NUMBER, 24);
        }
        apis.numberVerification().verify(NUMBER);
        assertThat(fixture.sim.state().tokensIssued()).isEqualTo(1);
        assertThat(apis.tokens().fetched()).isEqualTo(1);
    }

    @Test
    void aRefusedTokenIsReplacedAndTheCallSucceeds() {
        OperatorApis apis = fixture.apis(Duration.ofSeconds(2));
        apis.simSwap().check(NUMBER, 24);
        fixture.sim.state().revokeTokens();
        assertThat(apis.simSwap().check(NUMBER, 24)).isFalse();
        assertThat(fixture.sim.state().tokensIssued()).isEqualTo(2);
    }

    @Test
    void anExpiringTokenIsRenewedBeforeItRunsOut() throws Exception {
        fixture.sim.state().tokenTtl(Duration.ofSeconds(1));
        OperatorApis apis = fixture.apis(Duration.ofSeconds(2));
        apis.simSwap().check(NUMBER, 24);
        Thread.sleep(1000);
        apis.simSwap().check(NUMBER, 24);
        assertThat(apis.tokens().fetched()).isEqualTo(2);
        assertThat(fixture.sim.state().tokensIssued()).isEqualTo(2);
    }

    @Test
    void wrongClientCredentialsAreUnauthenticated() {
        OperatorApis apis = fixture.apis("not-the-secret", Duration.ofSeconds(2));
        assertThatThrownBy(() -> apis.simSwap().check(NUMBER, 24)).isInstanceOf(CamaraException.Unauthenticated.class)
                .hasMessageNotContaining("not-the-secret");
        assertThat(fixture.sim.state().apiCalls()).isZero();
    }

    @Test
    void aTokenRefusedTwiceIsUnauthenticated() {
        OperatorApis apis = fixture.apis(Duration.ofSeconds(2));
        fixture.sim.state().failNext(2, 401, "UNAUTHENTICATED", "token revoked", 0);
        assertThatThrownBy(() -> apis.simSwap().check(NUMBER, 24)).isInstanceOf(CamaraException.Unauthenticated.class);
        assertThat(fixture.sim.state().tokensIssued()).isEqualTo(2);
    }

    @Test
    void eachCamaraStatusHasItsException() {
        OperatorApis apis = fixture.apis(Duration.ofSeconds(2));
        expect(apis, 400, "INVALID_ARGUMENT", CamaraException.InvalidArgument.class);
        expect(apis, 403, "PERMISSION_DENIED", CamaraException.PermissionDenied.class);
        expect(apis, 404, "IDENTIFIER_NOT_FOUND", CamaraException.NotFound.class);
        expect(apis, 422, "SERVICE_NOT_APPLICABLE", CamaraException.Unprocessable.class);
        expect(apis, 503, "UNAVAILABLE", CamaraException.Unavailable.class);
        fixture.sim.state().failNext(1, 429, "TOO_MANY_REQUESTS", "Rate limit reached", 7);
        assertThatThrownBy(() -> apis.simSwap().retrieveDate(NUMBER)).isInstanceOfSatisfying(CamaraException.TooManyRequests.class, e -> {
            assertThat(e.code()).isEqualTo("TOO_MANY_REQUESTS");
            assertThat(e.retryAfterSeconds()).isEqualTo(7);
        });
        assertThat(apis.simSwap().check(NUMBER, 24)).as("after the forced errors it answers again").isFalse();
    }

    private void expect(OperatorApis apis, int status, String code, Class<? extends CamaraException> type) {
        fixture.sim.state().failNext(1, status, code, "forced", 0);
        assertThatThrownBy(() -> apis.simSwap().check(NUMBER, 24)).isInstanceOf(type).satisfies(e -> {
            assertThat(((CamaraException) e).status()).isEqualTo(status);
            assertThat(((CamaraException) e).code()).isEqualTo(code);
        });
    }

    @Test
    void aSlowOperatorTimesOutWithinTheTimeout() {
        OperatorApis apis = fixture.apis(Duration.ofMillis(300));
        apis.tokens().current();
        fixture.sim.state().delay(Duration.ofSeconds(3));
        long start = System.nanoTime();
        assertThatThrownBy(() -> apis.simSwap().check(NUMBER, 24)).isInstanceOf(CamaraException.Timeout.class)
                .satisfies(e -> assertThat(((CamaraException) e).code()).isEqualTo("TIMEOUT"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void anOperatorThatIsDownIsUnavailable() {
        OperatorApis apis = fixture.apis(Duration.ofMillis(500));
        fixture.sim.close();
        assertThatThrownBy(() -> apis.simSwap().check(NUMBER, 24)).isInstanceOf(CamaraException.Unavailable.class);
    }
}
