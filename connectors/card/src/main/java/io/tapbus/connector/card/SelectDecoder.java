package io.tapbus.connector.card;

import static io.tapbus.connector.card.Templates.children;
import static io.tapbus.connector.card.Templates.optional;
import static io.tapbus.connector.card.Templates.required;
import static io.tapbus.connector.card.Templates.single;

import io.tapbus.connector.card.BerTlv.DataObject;
import io.tapbus.connector.card.CardResponses.Fci;
import io.tapbus.connector.card.CardResponses.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** The status word of any response APDU (ISO/IEC 7816-4) and the FCI of a SELECT (EMV 4.3 Book 1 11.3.4). */
final class SelectDecoder {

    private SelectDecoder() {
    }

    static Response response(byte[] apdu) throws CardResponseException {
        if (apdu == null || apdu.length < 2) {
            throw new CardResponseException("the card answered without a status word");
        }
        int sw1 = apdu[apdu.length - 2] & 0xFF;
        int sw2 = apdu[apdu.length - 1] & 0xFF;
        if (sw1 == 0x60 || ((sw1 & 0xF0) != 0x60 && (sw1 & 0xF0) != 0x90)) {
            throw new CardResponseException("the card answered with an invalid status word (SW1 not 61-6F or 90-9F)");
        }
        return new Response(Arrays.copyOf(apdu, apdu.length - 2), (sw1 << 8) | sw2);
    }

    static Fci fci(byte[] data) throws CardResponseException {
        String what = "SELECT";
        DataObject fci = single(data, what);
        if (fci.tag() != 0x6F) {
            throw new CardResponseException(what + ": the answer is not an FCI template (6F)");
        }
        Map<Integer, DataObject> inFci = children(fci, what);
        byte[] dfName = required(inFci, 0x84, "DF name", 5, 16, what);
        DataObject proprietary = inFci.get(0xA5);
        if (proprietary == null || !proprietary.constructed()) {
            throw new CardResponseException(what + ": the FCI proprietary template (A5) is missing");
        }
        Map<Integer, DataObject> inProprietary = children(proprietary, what);
        byte[] label = optional(inProprietary, 0x50, "application label", 1, 16, what);
        optional(inProprietary, 0x87, "application priority indicator", 1, 1, what);
        byte[] pdol = optional(inProprietary, 0x9F38, "PDOL", 0, 252, what);
        return new Fci(dfName, label == null ? Optional.empty()
                : Optional.of(new String(label, StandardCharsets.US_ASCII)), pdol == null ? new byte[0] : pdol);
    }
}
