package io.tapbus.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.operator.OperatorApiSettings;
import io.tapbus.connector.operator.OperatorApis;
import io.tapbus.rules.payment.PaymentAuthorizationInput;
import io.tapbus.samples.operator.OperatorSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SIM swap facts against the operator simulator: the date, the bounds when it is not disclosed, the cache, the unknowns. */
class SimSwapFactsTest {
    private static final String NUMBER = "+8613900000031";
    private OperatorSimulator operator;
    private OperatorApis apis;

    @BeforeEach
    void start() throws Exception {
        operator = OperatorSimulator.start("127.0.0.1", 0);
        apis = new OperatorApis(OperatorApiSettings.of(operator.apiRoot(), operator.tokenUrl(), OperatorSimulator.DEMO_CLIENT_ID,
                OperatorSimulator.DEMO_CLIENT_SECRET, Duration.ofMillis(400)));
    }

    @AfterEach
    void stop() {
        operator.close();
    }

    private SimSwapFacts facts(Duration ttl) {
        return new SimSwapFacts(apis.simSwap(), ttl, List.of(24, 2), Clock.systemUTC());
    }

    private static PaymentAuthorizationInput gather(SimSwapFacts facts, String number) {
        PaymentAuthorizationInput in = new PaymentAuthorizationInput();
        facts.addTo(in, number);
        return in;
    }

    @Test
    void theDisclosedDateGivesTheAgeInWholeHours() {
        operator.state().simSwap(NUMBER, Instant.now().minus(Duration.ofMinutes(5 * 60 + 50)));
        PaymentAuthorizationInput in = gather(facts(Duration.ZERO), NUMBER);
        assertThat(in.getSimSwapCheck()).isEqualTo("CHECKED");
        assertThat(in.getSimSwapAgeHours()).isEqualTo(5);
    }

    @Test
    void aChangeBeyondTheMonitoredPeriodIsAtLeastThatOld() {
        operator.state().simSwap(NUMBER, Instant.now().minus(Duration.ofDays(40)));
        operator.state().monitoredPeriodDays(30);
        assertThat(gather(facts(Duration.ZERO), NUMBER).getSimSwapAgeHours()).isEqualTo(30 * 24);
    }

    @Test
    void withoutTheDateTheChecksBoundTheAge() {
        SimSwapFacts facts = facts(Duration.ZERO);
        assertThat(gather(facts, NUMBER).getSimSwapAgeHours()).as("never swapped: none within the longest window").isEqualTo(24);

        operator.state().simSwap(NUMBER, Instant.now().minus(Duration.ofHours(5)));
        operator.state().failNext(1, 403, "PERMISSION_DENIED", "retrieve-date not in this client's scopes", 0);
        PaymentAuthorizationInput in = gather(facts, NUMBER);
        assertThat(in.getSimSwapCheck()).isEqualTo("CHECKED");
        assertThat(in.getSimSwapAgeHours()).as("within 24 h, not within 2 h").isEqualTo(2);

        operator.state().simSwap(NUMBER, Instant.now().minus(Duration.ofMinutes(30)));
        operator.state().failNext(1, 403, "PERMISSION_DENIED", "retrieve-date not in this client's scopes", 0);
        assertThat(gather(facts, NUMBER).getSimSwapAgeHours()).as("within 2 h").isZero();
    }

    @Test
    void anAnswerIsReusedWithinItsTime() {
        SimSwapFacts facts = facts(Duration.ofMinutes(1));
        operator.state().simSwap(NUMBER, Instant.now().minus(Duration.ofHours(30)));
        assertThat(gather(facts, NUMBER).getSimSwapAgeHours()).isEqualTo(30);
        int calls = operator.state().apiCalls();
        operator.state().simSwap(NUMBER, Instant.now());
        assertThat(gather(facts, NUMBER).getSimSwapAgeHours()).as("from the cache").isEqualTo(30);
        assertThat(operator.state().apiCalls()).isEqualTo(calls);
        assertThat(gather(facts, "+8613900000032").getSimSwapAgeHours()).as("another number is asked").isEqualTo(24);
    }

    @Test
    void aSlowOperatorIsUnknownAndNotAskedAgainAtOnce() {
        SimSwapFacts facts = facts(Duration.ofMinutes(1));
        operator.state().delay(Duration.ofSeconds(2));
        PaymentAuthorizationInput in = gather(facts, NUMBER);
        assertThat(in.getSimSwapCheck()).isEqualTo("UNAVAILABLE");
        assertThat(in.getSimSwapAgeHours()).isNull();
        int calls = operator.state().apiCalls();
        long start = System.nanoTime();
        assertThat(gather(facts, NUMBER).getSimSwapCheck()).isEqualTo("UNAVAILABLE");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
        assertThat(operator.state().apiCalls()).isEqualTo(calls);
    }

    @Test
    void aNumberTheOperatorDoesNotServeIsNotFoundAndANonE164OneIsNeverSent() {
        operator.state().servedPrefix("+86");
        assertThat(gather(facts(Duration.ZERO), "+4915100000001").getSimSwapCheck()).isEqualTo("NOT_FOUND");
        int calls = operator.state().apiCalls();
        assertThat(gather(facts(Duration.ZERO), "13900000031").getSimSwapCheck()).isEqualTo("UNAVAILABLE");
        assertThat(operator.state().apiCalls()).isEqualTo(calls);
    }
}
