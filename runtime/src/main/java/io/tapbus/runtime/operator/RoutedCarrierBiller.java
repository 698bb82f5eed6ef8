package io.tapbus.runtime.operator;

import io.tapbus.connector.common.Masking;
import io.tapbus.runtime.payment.CarrierBiller;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carrier billing through the operator that serves the paying line (by prefix and ported number, as the SMS routes):
 * every call names the line, so a charge, its confirmation, its recovery and its cancellation all go to the same
 * operator. A line no operator API serves is not charged.
 */
public final class RoutedCarrierBiller implements CarrierBiller {
    private static final Logger LOG = LoggerFactory.getLogger(RoutedCarrierBiller.class);

    private final Function<String, CarrierBiller> billers;

    /** @param billers the biller of the operator serving a line (E.164), or null when none does */
    public RoutedCarrierBiller(Function<String, CarrierBiller> billers) {
        this.billers = billers;
    }

    @Override
    public CarrierAnswer charge(CarrierCharge charge, Consumer<String> known) {
        CarrierBiller biller = billers.apply(charge.msisdn());
        return biller == null ? none(charge) : biller.charge(charge, known);
    }

    @Override
    public CarrierAnswer resolve(CarrierCharge charge, String carrierPaymentId) {
        CarrierBiller biller = billers.apply(charge.msisdn());
        return biller == null ? none(charge) : biller.resolve(charge, carrierPaymentId);
    }

    private static CarrierAnswer none(CarrierCharge charge) {
        LOG.info("carrier billing of {}: no operator API serves the line", Masking.msisdn(charge.msisdn()));
        return new CarrierAnswer(Result.NOT_CHARGED, null, "no operator API serves the line");
    }
}
