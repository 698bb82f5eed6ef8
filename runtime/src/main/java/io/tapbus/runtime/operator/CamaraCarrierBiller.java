package io.tapbus.runtime.operator;

import io.tapbus.connector.operator.CamaraException;
import io.tapbus.connector.operator.CarrierBillingClient;
import io.tapbus.connector.operator.CarrierBillingClient.CarrierPayment;
import io.tapbus.connector.operator.PhoneNumbers;
import io.tapbus.runtime.payment.CarrierBiller;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carrier billing through the operator's CAMARA Carrier Billing API in two steps: prepare (the amount reserved on the
 * line, clientCorrelator = the TapBus payment id), confirm, then read back (confirm answers 202 only). No answer (a
 * timeout, a 5xx, the operator unreachable) is UNKNOWN, never taken for a refusal or a charge: the payment stays pending
 * and {@link #resolve} finds out later. A 4xx is the operator's refusal: nothing is charged.
 */
public final class CamaraCarrierBiller implements CarrierBiller {
    private static final Logger LOG = LoggerFactory.getLogger(CamaraCarrierBiller.class);

    private final CarrierBillingClient client;

    public CamaraCarrierBiller(CarrierBillingClient client) {
        this.client = client;
    }

    @Override
    public CarrierAnswer charge(CarrierCharge charge, Consumer<String> known) {
        CarrierPayment prepared;
        try {
            prepared = client.prepare(camara(charge));
        } catch (CamaraException.Unavailable e) {
            LOG.warn("carrier billing {}: no answer to prepare ({}); left pending", charge, e.code());
            return new CarrierAnswer(Result.UNKNOWN, null, e.code());
        } catch (CamaraException e) {
            return new CarrierAnswer(Result.NOT_CHARGED, null, e.code());
        } catch (IllegalArgumentException e) {
            return new CarrierAnswer(Result.NOT_CHARGED, null, "INVALID_ARGUMENT");
        }
        known.accept(prepared.paymentId());
        if (!"reserved".equals(prepared.paymentStatus())) {
            return answer(prepared);
        }
        try {
            client.confirm(prepared.paymentId(), charge.msisdn());
        } catch (CamaraException.Unavailable | CamaraException.Conflict e) {
            // no answer, or it moved on meanwhile: what the operator holds decides
            LOG.info("carrier billing {}: confirm answered {}; reading the payment back", charge, e.code());
        } catch (CamaraException e) {
            return cancel(charge, prepared.paymentId(), e.code());
        }
        return readBack(charge, prepared.paymentId());
    }

    @Override
    public CarrierAnswer resolve(CarrierCharge charge, String carrierPaymentId) {
        CarrierPayment found;
        try {
            found = carrierPaymentId != null ? client.retrieve(carrierPaymentId) : client.prepare(camara(charge));
        } catch (CamaraException.NotFound e) {
            return new CarrierAnswer(Result.NOT_CHARGED, carrierPaymentId, "NOT_FOUND");
        } catch (IllegalArgumentException e) {
            return new CarrierAnswer(Result.NOT_CHARGED, carrierPaymentId, "INVALID_ARGUMENT"); // never sent
        } catch (CamaraException.Unavailable e) {
            return new CarrierAnswer(Result.UNKNOWN, carrierPaymentId, e.code());
        } catch (CamaraException e) {
            LOG.warn("carrier billing {}: the operator refuses to tell where it stands ({}); left pending", charge, e.code());
            return new CarrierAnswer(Result.UNKNOWN, carrierPaymentId, e.code());
        }
        if ("reserved".equals(found.paymentStatus())) {
            return cancel(charge, found.paymentId(), "CANCELLED_BY_RECOVERY");
        }
        return answer(found);
    }

    /** Releases a reservation; when the operator does not answer, the payment stays UNKNOWN (resolved later). */
    private CarrierAnswer cancel(CarrierCharge charge, String carrierPaymentId, String why) {
        try {
            client.cancel(carrierPaymentId, charge.msisdn());
            return new CarrierAnswer(Result.NOT_CHARGED, carrierPaymentId, why);
        } catch (CamaraException.Conflict e) {
            return readBack(charge, carrierPaymentId); // it is no longer reserved: charged, or cancelled already
        } catch (CamaraException e) {
            LOG.warn("carrier billing {}: cancel answered {}; left pending", charge, e.code());
            return new CarrierAnswer(Result.UNKNOWN, carrierPaymentId, e.code());
        }
    }

    private CarrierAnswer readBack(CarrierCharge charge, String carrierPaymentId) {
        try {
            return answer(client.retrieve(carrierPaymentId));
        } catch (CamaraException e) {
            LOG.warn("carrier billing {}: reading payment back answered {}; left pending", charge, e.code());
            return new CarrierAnswer(Result.UNKNOWN, carrierPaymentId, e.code());
        }
    }

    private static CarrierAnswer answer(CarrierPayment p) {
        Result result = switch (p.paymentStatus()) {
            case "succeeded" -> Result.CHARGED;
            case "denied", "cancelled", "failed" -> Result.NOT_CHARGED;
            default -> Result.UNKNOWN; // processing, reserved
        };
        return new CarrierAnswer(result, p.paymentId(), p.paymentStatus());
    }

    private static CarrierBillingClient.Charge camara(CarrierCharge c) {
        return new CarrierBillingClient.Charge(PhoneNumbers.requireE164(c.msisdn()), c.amountMinor(), c.currency(),
                "TapBus payment to " + c.merchantId(), c.paymentId(), c.paymentId(), c.merchantId());
    }
}
