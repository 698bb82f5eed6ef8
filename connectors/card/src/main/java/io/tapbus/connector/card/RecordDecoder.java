package io.tapbus.connector.card;

import static io.tapbus.connector.card.Templates.children;
import static io.tapbus.connector.card.Templates.optional;
import static io.tapbus.connector.card.Templates.required;
import static io.tapbus.connector.card.Templates.single;

import io.tapbus.connector.card.BerTlv.DataObject;
import io.tapbus.connector.card.CardResponses.CardData;
import io.tapbus.connector.common.Hex;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;

/** The TapBus card data record read with READ RECORD (SFI 1 record 1): PAN, expiry date, PSN. */
final class RecordDecoder {

    private RecordDecoder() {
    }

    static CardData cardData(byte[] record) throws CardResponseException {
        String what = "READ RECORD";
        DataObject template = single(record, what);
        if (template.tag() != 0x70 || !template.constructed()) {
            throw new CardResponseException(what + ": the record is not a record template (70)");
        }
        Map<Integer, DataObject> tags = children(template, what);
        String pan = Hex.of(required(tags, 0x5A, "PAN", 6, 10, what));
        int padding = pan.length();
        while (padding > 0 && pan.charAt(padding - 1) == 'F') {
            padding--;
        }
        pan = pan.substring(0, padding);
        if (pan.length() < 12 || pan.length() > 19 || !digits(pan)) {
            throw new CardResponseException(what + ": tag 5A (PAN) is not 12 to 19 digits");
        }
        String expiry = Hex.of(required(tags, 0x5F24, "application expiration date", 3, 3, what));
        if (!digits(expiry) || !isDate(expiry)) {
            throw new CardResponseException(what + ": tag 5F24 (application expiration date) is not a date YYMMDD");
        }
        byte[] psnValue = optional(tags, 0x5F34, "PAN sequence number", 1, 1, what);
        String psn = psnValue == null ? "00" : Hex.of(psnValue);
        if (!digits(psn)) {
            throw new CardResponseException(what + ": tag 5F34 (PAN sequence number) is not 2 digits");
        }
        return new CardData(new CardId(pan, psn), expiry);
    }

    private static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** YYMMDD of this century (EMV dates are YY, 2000-2099 here as in TransactionData). */
    private static boolean isDate(String yymmdd) {
        try {
            LocalDate.of(2000 + Integer.parseInt(yymmdd.substring(0, 2)), Integer.parseInt(yymmdd.substring(2, 4)),
                    Integer.parseInt(yymmdd.substring(4, 6)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
