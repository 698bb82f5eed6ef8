package io.tapbus.connector.card;

import static io.tapbus.connector.card.Templates.children;
import static io.tapbus.connector.card.Templates.optional;
import static io.tapbus.connector.card.Templates.required;
import static io.tapbus.connector.card.Templates.single;

import io.tapbus.connector.card.BerTlv.DataObject;
import io.tapbus.connector.card.CardResponses.Cryptogram;
import java.util.Arrays;
import java.util.Map;

/** The GENERATE AC response (EMV 4.3 Book 3 6.5.5): CID, ATC, application cryptogram, IAD, in format 1 or 2. */
final class GenerateAcDecoder {

    private GenerateAcDecoder() {
    }

    static Cryptogram generateAc(byte[] data) throws CardResponseException {
        String what = "GENERATE AC";
        DataObject answer = single(data, what);
        int cid;
        byte[] atc;
        byte[] cryptogram;
        byte[] iad;
        if (answer.tag() == 0x80) {
            byte[] value = answer.value();
            if (value.length < 11 || value.length > 11 + CardResponses.MAX_IAD) {
                throw new CardResponseException(what + ": format 1 (80) is not CID, ATC, AC and up to "
                        + CardResponses.MAX_IAD + " bytes of IAD");
            }
            cid = value[0] & 0xFF;
            atc = Arrays.copyOfRange(value, 1, 3);
            cryptogram = Arrays.copyOfRange(value, 3, 11);
            iad = Arrays.copyOfRange(value, 11, value.length);
        } else if (answer.tag() == 0x77 && answer.constructed()) {
            Map<Integer, DataObject> template = children(answer, what);
            cid = required(template, 0x9F27, "cryptogram information data", 1, 1, what)[0] & 0xFF;
            atc = required(template, 0x9F36, "ATC", 2, 2, what);
            cryptogram = required(template, 0x9F26, "application cryptogram", 8, 8, what);
            byte[] given = optional(template, 0x9F10, "issuer application data", 0, CardResponses.MAX_IAD, what);
            iad = given == null ? new byte[0] : given;
        } else {
            throw new CardResponseException(what + ": the answer is neither format 1 (80) nor format 2 (77)");
        }
        if ((cid & Cryptogram.TYPE_MASK) == Cryptogram.TYPE_MASK) {
            throw new CardResponseException(what + ": the cryptogram information data names a reserved type");
        }
        return new Cryptogram(cid, ((atc[0] & 0xFF) << 8) | (atc[1] & 0xFF), cryptogram, iad);
    }
}
