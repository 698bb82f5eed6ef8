package io.tapbus.connector.card;

import static io.tapbus.connector.card.Templates.children;
import static io.tapbus.connector.card.Templates.required;
import static io.tapbus.connector.card.Templates.single;

import io.tapbus.connector.card.BerTlv.DataObject;
import io.tapbus.connector.card.CardResponses.ProcessingOptions;
import java.util.Arrays;
import java.util.Map;

/** The GET PROCESSING OPTIONS response (EMV 4.3 Book 3 6.5.8): AIP and AFL, in format 1 or format 2. */
final class GpoDecoder {

    private GpoDecoder() {
    }

    static ProcessingOptions processingOptions(byte[] data) throws CardResponseException {
        String what = "GET PROCESSING OPTIONS";
        DataObject answer = single(data, what);
        byte[] aip;
        byte[] afl;
        if (answer.tag() == 0x80) {
            byte[] value = answer.value();
            if (value.length < 2) {
                throw new CardResponseException(what + ": format 1 (80) is shorter than the AIP");
            }
            aip = Arrays.copyOf(value, 2);
            afl = Arrays.copyOfRange(value, 2, value.length);
        } else if (answer.tag() == 0x77 && answer.constructed()) {
            Map<Integer, DataObject> template = children(answer, what);
            aip = required(template, 0x82, "AIP", 2, 2, what);
            afl = required(template, 0x94, "AFL", 0, 252, what);
        } else {
            throw new CardResponseException(what + ": the answer is neither format 1 (80) nor format 2 (77)");
        }
        checkAfl(afl, what);
        return new ProcessingOptions(aip, afl);
    }

    private static void checkAfl(byte[] afl, String what) throws CardResponseException {
        if (afl.length == 0 || afl.length % 4 != 0) {
            throw new CardResponseException(what + ": the AFL is not whole entries of 4 bytes");
        }
        for (int i = 0; i < afl.length; i += 4) {
            int sfi = (afl[i] & 0xFF) >> 3;
            int first = afl[i + 1] & 0xFF;
            int last = afl[i + 2] & 0xFF;
            int offline = afl[i + 3] & 0xFF;
            if ((afl[i] & 0x07) != 0 || sfi < 1 || sfi > 30 || first < 1 || last < first
                    || offline > last - first + 1) {
                throw new CardResponseException(what + ": AFL entry " + (i / 4 + 1) + " is not valid");
            }
        }
    }
}
