package io.tapbus.runtime.payment;

import io.tapbus.connector.card.CryptogramMethod;
import io.tapbus.connector.card.InMemoryIssuerKeys;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The bus answers a card's ARQC with ARPC method 2 (ARPC and CSU, EMV Book 2 8.2.2), which only the common session
 * key method gives. An issuer key of another method (visa-cvn10, mchip: ARPC method 1) could verify a card's
 * cryptogram but not answer it, so the bus refuses to start with one rather than fail each such payment at settlement.
 */
public final class AnswerableKeys {
    private AnswerableKeys() {
    }

    /** The keys, when every one can be answered; otherwise an IllegalStateException naming the keys that cannot. */
    public static InMemoryIssuerKeys require(InMemoryIssuerKeys keys) {
        List<String> unanswerable = keys.labels().stream().sorted()
                .filter(label -> keys.profile(label).method() != CryptogramMethod.CSK)
                .map(label -> label + " (" + keys.profile(label).method().code() + ")")
                .collect(Collectors.toList());
        if (!unanswerable.isEmpty()) {
            throw new IllegalStateException("issuer keys " + String.join(", ", unanswerable) + " use a cryptogram method the bus"
                    + " cannot answer yet (it sends ARPC method 2, which needs method=csk); such a key is for bin/tapbus emv only");
        }
        return keys;
    }
}
