package io.tapbus.connector.phone.mm7;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One MM7_submit.REQ: a transaction id (unique per request: the outbox derives it from its message id, so that a
 * request sent twice is recognisable), the recipients (E.164), a subject, the media parts and whether a delivery report
 * is wanted. Who sends (VASP, VAS, service code) comes from the {@link Mm7Account}.
 */
public record SubmitRequest(String transactionId, List<String> recipients, String subject, List<MmsPart> parts,
        boolean deliveryReport) {

    private static final Pattern E164 = Pattern.compile("\\+?[1-9][0-9]{6,14}");

    public SubmitRequest {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(subject, "subject");
        recipients = List.copyOf(recipients);
        parts = List.copyOf(parts);
        if (transactionId.isBlank() || transactionId.length() > 100) {
            throw new IllegalArgumentException("a TransactionID is 1 to 100 characters");
        }
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an MM7 submit needs at least one recipient");
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("an MMS needs at least one part");
        }
    }

    /** The recipient as the Number element carries it: international digits without the '+'; refused unless E.164. */
    static String number(String msisdn) throws Mm7Exception {
        String s = msisdn == null ? "" : msisdn.strip();
        if (!E164.matcher(s).matches()) {
            throw new Mm7Exception(Mm7Exception.Problem.BAD_REQUEST,
                    "a recipient is not an E.164 number (" + s.length() + " characters)");
        }
        return s.startsWith("+") ? s.substring(1) : s;
    }
}
