package io.tapbus.connector.phone;

import io.tapbus.connector.phone.PhoneCodecException.Problem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A connectionless WSP Push PDU (WAP-230 §8.2.4.1): transaction id, PDU type 0x06, the headers' length (uintvar),
 * the content type, the other headers, then the content. TapBus writes the content type as its well-known short
 * integer (0xAE application/vnd.wap.sic, 0xB0 application/vnd.wap.slc) and, when asked, X-Wap-Application-Id
 * (0xAF) with the browser's id x-wap-application:wml.ua (0x82).
 *
 * @param contentType the content type's well-known code (0x2E, 0x30), or -1 when it came as text
 * @param contentTypeText the content type as text when not well known, else null
 * @param headers the octets after the content type up to the content
 */
public record WspPush(int transactionId, int contentType, String contentTypeText, byte[] headers, byte[] content) {

    public static final int PDU_TYPE_PUSH = 0x06;
    /** X-Wap-Application-Id (WAP-230 Table 39, 0x2F) with x-wap-application:wml.ua (OMNA push app id 0x02). */
    public static final byte[] APPLICATION_ID_WML_UA = {(byte) 0xAF, (byte) 0x82};

    public WspPush {
        headers = headers.clone();
        content = content.clone();
    }

    @Override
    public byte[] headers() {
        return headers.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The push PDU of a WBXML document. */
    public static byte[] encode(int transactionId, PushDocumentType type, boolean withApplicationId, byte[] wbxml) {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        headers.write(0x80 | type.wspContentType());
        if (withApplicationId) {
            headers.writeBytes(APPLICATION_ID_WML_UA);
        }
        ByteArrayOutputStream pdu = new ByteArrayOutputStream();
        pdu.write(transactionId & 0xFF);
        pdu.write(PDU_TYPE_PUSH);
        pdu.writeBytes(uintvar(headers.size()));
        pdu.writeBytes(headers.toByteArray());
        pdu.writeBytes(wbxml);
        return pdu.toByteArray();
    }

    /** Reads a push PDU; the content type may be a short integer, a text string or the general form. */
    public static WspPush decode(byte[] pdu) {
        if (pdu.length < 3) {
            throw malformed("a push PDU has at least 3 octets, got " + pdu.length);
        }
        int tid = pdu[0] & 0xFF;
        if ((pdu[1] & 0xFF) != PDU_TYPE_PUSH) {
            throw malformed(String.format("PDU type 0x%02X is not Push (0x06)", pdu[1] & 0xFF));
        }
        int[] position = {2};
        long headersLength = readUintvar(pdu, position);
        int start = position[0];
        if (headersLength < 1 || headersLength > pdu.length - start) {
            throw malformed("the headers claim " + headersLength + " octets but " + (pdu.length - start) + " remain");
        }
        int end = start + (int) headersLength;
        int first = pdu[start] & 0xFF;
        int code = -1;
        String text = null;
        int afterType;
        if (first >= 0x80) {
            code = first & 0x7F;
            afterType = start + 1;
        } else if (first <= 31) {
            int[] p = {start + 1};
            long valueLength = first == 31 ? readUintvar(pdu, p) : first;
            if (valueLength < 1 || valueLength > end - p[0]) {
                throw malformed("the content type's value length " + valueLength + " does not fit the headers");
            }
            int media = pdu[p[0]] & 0xFF;
            if (media >= 0x80) {
                code = media & 0x7F;
            } else {
                text = textString(pdu, p[0], end);
            }
            afterType = p[0] + (int) valueLength;
        } else {
            text = textString(pdu, start, end);
            afterType = start + text.length() + 1;
        }
        return new WspPush(tid, code, text, Arrays.copyOfRange(pdu, afterType, end),
                Arrays.copyOfRange(pdu, end, pdu.length));
    }

    private static String textString(byte[] pdu, int from, int end) {
        for (int i = from; i < end; i++) {
            if (pdu[i] == 0) {
                return new String(pdu, from, i - from, StandardCharsets.US_ASCII);
            }
        }
        throw malformed("the content type text has no terminating NUL within the headers");
    }

    /** Variable length unsigned integer: 7 bits an octet, continuation in bit 8, at most 5 octets. */
    static byte[] uintvar(long value) {
        byte[] buffer = new byte[5];
        int i = buffer.length - 1;
        buffer[i] = (byte) (value & 0x7F);
        value >>>= 7;
        while (value > 0) {
            buffer[--i] = (byte) (0x80 | (value & 0x7F));
            value >>>= 7;
        }
        return Arrays.copyOfRange(buffer, i, buffer.length);
    }

    private static long readUintvar(byte[] pdu, int[] position) {
        long value = 0;
        for (int n = 0; n < 5; n++) {
            if (position[0] >= pdu.length) {
                throw malformed("the data ends inside a uintvar");
            }
            int b = pdu[position[0]++] & 0xFF;
            value = (value << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw malformed("a uintvar is longer than 5 octets");
    }

    private static PhoneCodecException malformed(String message) {
        return new PhoneCodecException(Problem.WSP_MALFORMED, "WSP push: " + message);
    }
}
