package io.tapbus.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.operator.OperatorApiSettings;
import io.tapbus.connector.operator.OperatorApis;
import io.tapbus.runtime.payment.CarrierBiller.CarrierAnswer;
import io.tapbus.runtime.payment.CarrierBiller.CarrierCharge;
import io.tapbus.runtime.payment.CarrierBiller.Result;
import io.tapbus.samples.operator.OperatorSimulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bus's carrier billing steps against the operator simulator: charge, refusal, no answer, and resolving what was left. */
class CamaraCarrierBillerTest {
    private static final String LINE = "+8613800000001";
    private static OperatorSimulator operator;
    private static OperatorApis apis;
    private static CamaraCarrierBiller biller;

    @BeforeAll
    static void start() throws Exception {
        operator = OperatorSimulator.start("127.0.0.1", 0);
        apis = new OperatorApis(new OperatorApiSettings(operator.apiRoot(), operator.tokenUrl(), OperatorSimulator.DEMO_CLIENT_ID,
                OperatorSimulator.DEMO_CLIENT_SECRET, null, Duration.ofMillis(400), null, null, null, null));
        biller = new CamaraCarrierBiller(apis.carrierBilling());
    }

    @AfterAll
    static void stop() {
        operator.close();
    }

    @AfterEach
    void normal() {
        operator.state().delay(Duration.ZERO);
        operator.billingLimit(new BigDecimal("500"));
    }

    private static CarrierCharge charge(long minor) {
        return new CarrierCharge("PAY-" + UUID.randomUUID(), LINE, minor, "CNY", "demo-cafe");
    }

    @Test
    void chargesInTwoStepsAndTellsTheOperatorsIdBeforeTheCharge() {
        List<String> known = new ArrayList<>();
        CarrierAnswer answer = biller.charge(charge(1250), known::add);
        assertThat(answer.result()).isEqualTo(Result.CHARGED);
        assertThat(known).containsExactly(answer.carrierPaymentId());
        assertThat(operator.paymentStatus(answer.carrierPaymentId())).isEqualTo("succeeded");
    }

    @Test
    void aDenialIsNotChargedAndAnUnservedNumberNeverReachesABill() {
        operator.billingLimit(new BigDecimal("1"));
        CarrierAnswer denied = biller.charge(charge(500), id -> { });
        assertThat(denied.result()).isEqualTo(Result.NOT_CHARGED);
        assertThat(denied.detail()).isEqualTo("denied");
        CarrierAnswer badLine = biller.charge(new CarrierCharge("PAY-x", "13800000001", 100, "CNY", "demo-cafe"), id -> { });
        assertThat(badLine.result()).as("not E.164: nothing sent").isEqualTo(Result.NOT_CHARGED);
    }

    @Test
    void noAnswerIsUnknownNeverARefusalAndResolvingCancelsTheReservation() throws Exception {
        operator.state().delay(Duration.ofSeconds(1));
        CarrierCharge charge = charge(700);
        CarrierAnswer timedOut = biller.charge(charge, id -> { });
        assertThat(timedOut.result()).isEqualTo(Result.UNKNOWN);
        assertThat(timedOut.detail()).isEqualTo("TIMEOUT");
        operator.state().delay(Duration.ZERO);
        Thread.sleep(1200); // the operator got the prepare after all: reserved

        CarrierAnswer resolved = biller.resolve(charge, null); // no id known: found by clientCorrelator
        assertThat(resolved.result()).isEqualTo(Result.NOT_CHARGED);
        assertThat(operator.paymentStatus(resolved.carrierPaymentId())).isEqualTo("cancelled");
        assertThat(biller.resolve(charge, resolved.carrierPaymentId()).result()).as("asked again: the same").isEqualTo(Result.NOT_CHARGED);
    }

    @Test
    void resolvingAChargedPaymentKeepsItChargedAndAnUnknownIdIsNotCharged() {
        CarrierCharge charge = charge(900);
        String id = apis.carrierBilling().create(new io.tapbus.connector.operator.CarrierBillingClient.Charge(LINE, 900, "CNY", "x",
                charge.paymentId(), charge.paymentId(), null)).paymentId();
        assertThat(biller.resolve(charge, id).result()).isEqualTo(Result.CHARGED);
        assertThat(biller.resolve(charge, null).result()).as("by clientCorrelator").isEqualTo(Result.CHARGED);
        assertThat(biller.resolve(charge, "CB-nothing").result()).isEqualTo(Result.NOT_CHARGED);
    }

    @Test
    void anOperatorThatStaysSilentLeavesItUnknown() {
        operator.state().delay(Duration.ofSeconds(1));
        assertThat(biller.resolve(charge(100), "CB-whatever").result()).isEqualTo(Result.UNKNOWN);
    }
}
