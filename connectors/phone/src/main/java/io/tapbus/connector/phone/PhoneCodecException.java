package io.tapbus.connector.phone;

/**
 * Bytes or text the phone channel cannot use, with the {@link Problem} that says why. Raised once by the codec; each
 * edge translates it (an SMPP generic_nack or deliver_sm_resp status, a command's exit 2, a log line). The message
 * names the field and the numbers involved, never message content.
 */
public final class PhoneCodecException extends RuntimeException {

    /** Why input was refused. */
    public enum Problem {
        /** Text with a character no alphabet carries (an unpaired UTF-16 surrogate). */
        TEXT_NOT_ENCODABLE,
        /** More than 255 parts, or a binary payload too long for one concatenated message. */
        MESSAGE_TOO_LONG,
        /** An address that is not what the field allows (an MSISDN that is not E.164, a too long sender). */
        BAD_ADDRESS,
        /** A user data header whose length octet does not match the elements it holds or the data around it. */
        UDH_LENGTH_MISMATCH,
        /** A user data header element that is malformed for its identifier (concatenation, port addressing). */
        UDH_BAD_ELEMENT,
        /** A data_coding value this codec does not decode. */
        UNSUPPORTED_DATA_CODING,
        /** An SMPP PDU that ends before its fields do, or whose command_length is not its size. */
        PDU_MALFORMED,
        /** An SMPP PDU of another command than the one expected. */
        PDU_UNEXPECTED_COMMAND,
        /** A delivery receipt with no message id or no state to read. */
        RECEIPT_UNREADABLE,
        /** An XML document that is not a Service Indication or Service Loading document. */
        XML_INVALID,
        /** WBXML that does not decode (truncated, unknown token, unknown public id). */
        WBXML_MALFORMED,
        /** A WSP push PDU that does not decode. */
        WSP_MALFORMED
    }

    private final Problem problem;

    public PhoneCodecException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
