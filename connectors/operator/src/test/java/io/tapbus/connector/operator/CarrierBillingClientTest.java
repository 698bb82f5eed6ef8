package io.tapbus.connector.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.operator.CarrierBillingClient.CarrierPayment;
import io.tapbus.connector.operator.CarrierBillingClient.Charge;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Carrier billing one-step and two-step payments, cancel, refunds and their refusals against the operator simulator. */
class CarrierBillingClientTest {
    private static final String LINE = "+8613800000001";
    private static SimulatorFixture fixture;
    private static CarrierBillingClient client;

    @BeforeAll
    static void start() throws Exception {
        fixture = new SimulatorFixture();
        client = fixture.apis(Duration.ofSeconds(2)).carrierBilling();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static Charge charge(long minor) {
        String ref = "ref-" + UUID.randomUUID();
        return new Charge(LINE, minor, "CNY", "Coffee at demo-cafe", ref, "req-" + ref, "demo-cafe");
    }

    @Test
    void oneStepPaymentIsChargedAtOnceAndAmountsRoundTrip() {
        CarrierPayment paid = client.create(charge(1850));
        assertThat(paid.paymentStatus()).isEqualTo("succeeded");
        assertThat(paid.amountMinor()).isEqualTo(1850);
        assertThat(paid.currency()).isEqualTo("CNY");
        assertThat(paid.paymentDate()).isNotNull();
        CarrierPayment read = client.retrieve(paid.paymentId());
        assertThat(read.paymentStatus()).isEqualTo("succeeded");
        assertThat(read.phoneNumber()).isEqualTo(LINE);
        assertThat(read.amountMinor()).isEqualTo(1850);
    }

    @Test
    void aRepeatedRequestWithTheSameCorrelatorChargesOnce() {
        Charge charge = charge(990);
        assertThat(client.create(charge).paymentId()).isEqualTo(client.create(charge).paymentId());
    }

    @Test
    void twoStepPaymentIsReservedThenConfirmed() {
        CarrierPayment reserved = client.prepare(charge(4200));
        assertThat(reserved.paymentStatus()).isEqualTo("reserved");
        assertThat(reserved.paymentDate()).isNull();
        client.confirm(reserved.paymentId(), LINE);
        assertThat(client.retrieve(reserved.paymentId()).paymentStatus()).isEqualTo("succeeded");
        assertThatThrownBy(() -> client.cancel(reserved.paymentId(), LINE)).as("a charged payment cannot be cancelled")
                .isInstanceOf(CamaraException.Conflict.class);
    }

    @Test
    void twoStepPaymentIsReservedThenCancelled() {
        CarrierPayment reserved = client.prepare(charge(4200));
        client.cancel(reserved.paymentId(), LINE);
        assertThat(fixture.sim.paymentStatus(reserved.paymentId())).isEqualTo("cancelled");
        assertThatThrownBy(() -> client.confirm(reserved.paymentId(), LINE)).isInstanceOf(CamaraException.Conflict.class);
        assertThatThrownBy(() -> client.confirm(reserved.paymentId(), "+8613800000002")).as("not the payment's line")
                .isInstanceOf(CamaraException.PermissionDenied.class);
    }

    @Test
    void overTheLinesLimitIsDenied() {
        assertThat(client.create(charge(50_001)).paymentStatus()).isEqualTo("denied");
    }

    @Test
    void refundsPartOfAPaymentThenTheRestAndNoMore() {
        CarrierPayment paid = client.create(charge(3000));
        CarrierBillingClient.CarrierRefund part = client.refundPartial(paid.paymentId(), 1000, "CNY", "one cup returned", "rf-1", "rf-req-1",
                "customer returned a cup");
        assertThat(part.refundStatus()).isEqualTo("succeeded");
        assertThat(part.type()).isEqualTo("partial");
        assertThatThrownBy(() -> client.refundPartial(paid.paymentId(), 2500, "CNY", "too much", "rf-2", "rf-req-2", null))
                .isInstanceOf(CamaraException.Unprocessable.class);
        assertThat(client.refundTotal(paid.paymentId(), "rf-3", "rf-req-3", "the rest").type()).isEqualTo("total");
        assertThatThrownBy(() -> client.refundTotal(paid.paymentId(), "rf-4", "rf-req-4", null)).as("nothing left")
                .isInstanceOf(CamaraException.Unprocessable.class);
    }

    @Test
    void anUnknownPaymentIsNotFoundAndBadInputNeverLeaves() {
        assertThatThrownBy(() -> client.retrieve("CB-nothing")).isInstanceOf(CamaraException.NotFound.class);
        assertThatThrownBy(() -> client.retrieve("../../control/stats")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.create(new Charge("13800000001", 100, "CNY", "x", "r", null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.create(new Charge(LINE, 100, "XYZ1", "x", "r", null, null))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.create(new Charge(LINE, 0, "CNY", "x", "r", null, null))).isInstanceOf(IllegalArgumentException.class);
    }
}
