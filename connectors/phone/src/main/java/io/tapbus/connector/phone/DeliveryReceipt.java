package io.tapbus.connector.phone;

import io.tapbus.connector.phone.PhoneCodecException.Problem;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * A delivery receipt from an SMSC: which message it is about, its state, the error code and the counts and dates
 * of the receipt text "id:IIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E
 * text:..." (SMPP 3.4 Appendix B, the de facto format). The receipted_message_id and message_state TLVs, when
 * present, win over the text: they are exact where the text is a convention.
 *
 * @param messageId  the SMSC's id of the submitted message (TLV, else the text's id:)
 * @param textId     the text's id: as written, or null (some SMSCs write it in decimal where the TLV is hex)
 * @param submitDate null when absent or not YYMMDDhhmm[ss]
 * @param submitted  sub:, or -1 when absent
 * @param delivered  dlvrd:, or -1 when absent
 * @param error      err: as written, or the network_error_code TLV in hex, or null
 * @param text       the first characters of the message as the SMSC quotes them, or null
 */
public record DeliveryReceipt(String messageId, String textId, MessageState state, int submitted, int delivered,
        LocalDateTime submitDate, LocalDateTime doneDate, String error, String text) {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuMMddHHmm", Locale.ROOT);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuMMddHHmmss", Locale.ROOT);

    /** The receipt a deliver_sm carries; refused when it is not a receipt or names no message or no state. */
    public static DeliveryReceipt from(DeliverSmPdu pdu) {
        if (!pdu.isDeliveryReceipt()) {
            throw new PhoneCodecException(Problem.RECEIPT_UNREADABLE, String.format(
                    "deliver_sm with esm_class 0x%02X and no receipted_message_id is not a delivery receipt",
                    pdu.esmClass()));
        }
        String body = new String(pdu.shortMessage(), StandardCharsets.ISO_8859_1);
        String textId = field(body, "id:");
        Optional<String> tlvId = pdu.tlv(Tlv.RECEIPTED_MESSAGE_ID).map(Tlv::asCString).filter(s -> !s.isEmpty());
        String messageId = tlvId.orElse(textId);
        if (messageId == null || messageId.isEmpty()) {
            throw new PhoneCodecException(Problem.RECEIPT_UNREADABLE,
                    "delivery receipt without receipted_message_id and without id: in its text");
        }
        MessageState state;
        Optional<Tlv> stateTlv = pdu.tlv(Tlv.MESSAGE_STATE);
        String stat = field(body, "stat:");
        if (stateTlv.isPresent() && stateTlv.get().value().length == 1) {
            state = MessageState.ofCode(stateTlv.get().value()[0] & 0xFF);
        } else if (stat != null && !stat.isEmpty()) {
            state = MessageState.ofReceiptText(stat);
        } else {
            throw new PhoneCodecException(Problem.RECEIPT_UNREADABLE,
                    "delivery receipt without a one-octet message_state and without stat: in its text");
        }
        String error = field(body, "err:");
        if (error == null) {
            error = pdu.tlv(Tlv.NETWORK_ERROR_CODE).map(t -> java.util.HexFormat.of().withUpperCase()
                    .formatHex(t.value())).orElse(null);
        }
        return new DeliveryReceipt(messageId, textId, state, count(field(body, "sub:")),
                count(field(body, "dlvrd:")), date(field(body, "submit date:")), date(field(body, "done date:")),
                error, field(body, "text:"));
    }

    /** The value after {@code key}: up to the next space, or for text: the rest. Null when the key is absent. */
    static String field(String body, String key) {
        String lower = body.toLowerCase(Locale.ROOT);
        int at = keyIndex(lower, key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length();
        if (key.equals("text:")) {
            return body.substring(start);
        }
        int end = start;
        while (end < body.length() && body.charAt(end) != ' ') {
            end++;
        }
        return body.substring(start, end);
    }

    /** Index of a key at the start or after a space, so that "id:" does not match inside "dlvrd:". */
    private static int keyIndex(String lower, String key) {
        int from = 0;
        while (true) {
            int at = lower.indexOf(key, from);
            if (at <= 0 || lower.charAt(at - 1) == ' ') {
                return at;
            }
            from = at + 1;
        }
    }

    private static int count(String value) {
        if (value == null || !value.matches("[0-9]{1,9}")) {
            return -1;
        }
        return Integer.parseInt(value);
    }

    private static LocalDateTime date(String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.matches("[0-9]{10}")) {
                return LocalDateTime.parse(value, MINUTES);
            }
            if (value.matches("[0-9]{12}")) {
                return LocalDateTime.parse(value, SECONDS);
            }
        } catch (DateTimeParseException e) {
            return null;
        }
        return null;
    }

    /** The receipt text in the usual layout (what an SMSC simulator sends). */
    public String toReceiptText() {
        return "id:" + messageId + " sub:" + three(submitted) + " dlvrd:" + three(delivered)
                + " submit date:" + (submitDate == null ? "" : MINUTES.format(submitDate))
                + " done date:" + (doneDate == null ? "" : MINUTES.format(doneDate))
                + " stat:" + state.receiptText() + " err:" + (error == null ? "000" : error)
                + " text:" + (text == null ? "" : text);
    }

    private static String three(int n) {
        return n < 0 ? "000" : String.format("%03d", n);
    }
}
