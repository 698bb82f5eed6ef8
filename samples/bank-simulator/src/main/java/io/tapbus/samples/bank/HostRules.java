package io.tapbus.samples.bank;

import io.tapbus.connector.bank.ResponseCodes;
import java.util.Set;

/**
 * How the simulated bank decides.
 *
 * @param amountLimit        the largest approved amount (field 4, minor units); above it the answer is
 *                           {@code overLimitCode}
 * @param overLimitCode      51 (insufficient funds) or 61 (exceeds amount limit)
 * @param declinedPans       cards (field 2) declined with {@code declinedCardCode}
 * @param declinedCardCode   05 (do not honour) or 14 (invalid card number)
 * @param balance            the available balance a balance inquiry reports in field 54 (minor units)
 */
public record HostRules(long amountLimit, String overLimitCode, Set<String> declinedPans, String declinedCardCode,
                        long balance) {

    public HostRules {
        declinedPans = Set.copyOf(declinedPans);
    }

    public static HostRules defaults() {
        return new HostRules(100_000, ResponseCodes.EXCEEDS_AMOUNT_LIMIT, Set.of(), ResponseCodes.DO_NOT_HONOUR, 500_000);
    }
}
