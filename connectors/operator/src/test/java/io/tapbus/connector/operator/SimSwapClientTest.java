package io.tapbus.connector.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SIM Swap check and retrieve-date against the operator simulator over loopback HTTP. */
class SimSwapClientTest {
    private static SimulatorFixture fixture;
    private static SimSwapClient client;

    @BeforeAll
    static void start() throws Exception {
        fixture = new SimulatorFixture();
        client = fixture.apis(Duration.ofSeconds(2)).simSwap();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void checkSaysWhetherTheSimChangedWithinMaxAge() {
        fixture.sim.state().simSwap("+8613900000011", Instant.now().minus(Duration.ofHours(3)));
        assertThat(client.check("+8613900000011", 24)).isTrue();
        assertThat(client.check("+8613900000011", 2)).isFalse();
        assertThat(client.check("+8613900000012", 2400)).as("a number with no swap").isFalse();
    }

    @Test
    void retrieveDateGivesTheLatestChange() {
        Instant when = Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.MILLIS);
        fixture.sim.state().simSwap("+8613900000013", when);
        SimSwapClient.SimSwapInfo info = client.retrieveDate("+8613900000013");
        assertThat(info.latestSimChange()).isEqualTo(when);
        assertThat(info.monitoredPeriodDays()).isNull();
        assertThat(client.retrieveDate("+8613900000014").latestSimChange()).as("never swapped, no date given").isNull();
    }

    @Test
    void aChangeBeyondTheMonitoredPeriodIsNullWithThePeriod() {
        fixture.sim.state().simSwap("+8613900000015", Instant.now().minus(Duration.ofDays(40)));
        fixture.sim.state().monitoredPeriodDays(30);
        try {
            SimSwapClient.SimSwapInfo info = client.retrieveDate("+8613900000015");
            assertThat(info.latestSimChange()).isNull();
            assertThat(info.monitoredPeriodDays()).isEqualTo(30);
            assertThatThrownBy(() -> client.check("+8613900000015", 31 * 24)).isInstanceOf(CamaraException.InvalidArgument.class)
                    .satisfies(e -> assertThat(((CamaraException) e).code()).isEqualTo("OUT_OF_RANGE"));
        } finally {
            fixture.sim.state().monitoredPeriodDays(null);
        }
    }

    @Test
    void aNumberTheOperatorDoesNotServeIsIdentifierNotFound() {
        fixture.sim.state().servedPrefix("+86");
        try {
            assertThatThrownBy(() -> client.check("+4915100000001", 24)).isInstanceOf(CamaraException.NotFound.class)
                    .satisfies(e -> assertThat(((CamaraException) e).code()).isEqualTo("IDENTIFIER_NOT_FOUND"))
                    .satisfies(e -> assertThat(((CamaraException) e).status()).isEqualTo(404));
        } finally {
            fixture.sim.state().servedPrefix("+");
        }
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSentAndTheNumberIsMasked() {
        int calls = fixture.sim.state().apiCalls();
        assertThatThrownBy(() -> client.check("013900000011", 24)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("E.164").hasMessageNotContaining("013900000011");
        assertThatThrownBy(() -> client.check("+8613900000011", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.check("+8613900000011", 2401)).isInstanceOf(IllegalArgumentException.class);
        assertThat(fixture.sim.state().apiCalls()).isEqualTo(calls);
        assertThat(PhoneNumbers.mask("+8613900000011")).isEqualTo("+861********11");
    }
}
