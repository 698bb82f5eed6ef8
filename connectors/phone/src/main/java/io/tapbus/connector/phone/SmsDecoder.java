package io.tapbus.connector.phone;

import io.tapbus.connector.phone.PhoneCodecException.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads an incoming short message (an SMPP deliver_sm's esm_class, data_coding and short_message): the user data
 * header when the UDHI bit is set, then the text in the alphabet data_coding names. GSM 7-bit text arrives over SMPP
 * one septet per octet.
 */
public final class SmsDecoder {

    private SmsDecoder() {
    }

    /** An incoming short message: its header (empty when none), alphabet, text (null for 8-bit data) and payload. */
    public record Incoming(UserDataHeader header, Alphabet alphabet, String text, byte[] payload) {
        public Incoming {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }
    }

    public static Incoming decode(int esmClass, int dataCoding, byte[] shortMessage) {
        Alphabet alphabet = Alphabet.ofDataCoding(dataCoding);
        UserDataHeader header = UserDataHeader.of();
        int offset = 0;
        if ((esmClass & SmsPart.ESM_CLASS_UDHI) != 0) {
            header = UserDataHeader.parse(shortMessage);
            offset = 1 + (shortMessage[0] & 0xFF);
        }
        byte[] payload = Arrays.copyOfRange(shortMessage, offset, shortMessage.length);
        String text = switch (alphabet) {
            case GSM7 -> GsmAlphabet.decode(payload);
            case IA5 -> new String(payload, StandardCharsets.US_ASCII);
            case LATIN1 -> new String(payload, StandardCharsets.ISO_8859_1);
            case UCS2 -> ucs2(payload);
            case EIGHT_BIT -> null;
        };
        return new Incoming(header, alphabet, text, payload);
    }

    private static String ucs2(byte[] payload) {
        if (payload.length % 2 != 0) {
            throw new PhoneCodecException(Problem.UNSUPPORTED_DATA_CODING, "UCS-2 text of " + payload.length
                    + " octets is not whole 16-bit characters");
        }
        return new String(payload, StandardCharsets.UTF_16BE);
    }
}
