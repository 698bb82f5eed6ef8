package io.tapbus.connector.reader;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.common.Hex;
import io.tapbus.connector.common.Masking;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The body of a PAYMENT_REQUEST (docs/reader-protocol.md §12.1): one EMV card payment as the reader saw it, with
 * everything the issuer needs to verify the card's ARQC. {@code cdol1} is the exact data the card MACed (the 29
 * bytes of the TapBus CDOL1); {@code transaction} is the same data, readable, and must agree with it. Hex fields are
 * upper-case after {@link #parse(ReaderFrame)}. Null fields are left out of the JSON.
 *
 * @param correlationId     required, up to 64 characters: the idempotency key of the payment
 * @param readerTime        the reader's clock at the tap, ISO-8601 instant
 * @param aid               the application identifier the reader selected, 5 to 16 bytes in hex
 * @param card              PAN, PAN sequence number and expiry (YYMM) read from the card
 * @param atc               application transaction counter (9F36), 4 hex digits
 * @param arqc              the application cryptogram (9F26), 16 hex digits
 * @param cid               cryptogram information data (9F27), 2 hex digits
 * @param iad               issuer application data (9F10), 1 to 32 bytes in hex
 * @param aip               application interchange profile (82), 4 hex digits
 * @param cdol1             the CDOL1 data sent in GENERATE AC, 58 hex digits
 * @param transaction       the terminal data inside {@code cdol1}, readable
 * @param merchantCategory  optional ISO 18245 merchant category code, 4 digits
 * @param offline           true when the reader approved offline (under its floor limit) and uploads it now
 * @param basket            optional (extension version 1): the lines bought and the coupons shown, priced by the bus;
 *                          {@code transaction.amountMinor} is then the basket's total
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentRequest(String correlationId, String readerTime, String aid, Card card, String atc, String arqc,
                             String cid, String iad, String aip, String cdol1, Transaction transaction,
                             String merchantCategory, boolean offline, ReaderBasket basket) {

    /** Length of the TapBus CDOL1 data in hex digits (29 bytes). */
    public static final int CDOL1_HEX_LENGTH = 2 * TransactionData.CDOL1_LENGTH;

    private static final int MAX_CORRELATION_ID = 64;
    private static final Pattern DIGITS_4 = Pattern.compile("[0-9]{4}");
    static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("uuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    /**
     * The card as read from its records.
     *
     * @param pan    12 to 19 digits
     * @param psn    PAN sequence number, 2 digits
     * @param expiry YYMM
     */
    public record Card(String pan, String psn, String expiry) {

        /** Masks the PAN: full card numbers must not reach logs. */
        @Override
        public String toString() {
            return "Card[pan=" + Masking.pan(pan) + ", psn=" + psn + ", expiry=" + expiry + "]";
        }
    }

    /**
     * The terminal's transaction data, as the card MACed it inside CDOL1.
     *
     * @param amountMinor        amount authorised (9F02) in minor units, > 0
     * @param otherAmountMinor   amount other (9F03), >= 0
     * @param currency           ISO 4217 alphabetic code
     * @param currencyNumeric    transaction currency code (5F2A), ISO 4217 numeric, 3 digits; matches {@code currency}
     * @param terminalCountry    terminal country code (9F1A), ISO 3166 numeric, 3 digits
     * @param tvr                terminal verification results (95), 10 hex digits
     * @param date               transaction date (9A), YYMMDD
     * @param type               transaction type (9C), 2 digits ("00" purchase)
     * @param unpredictableNumber unpredictable number (9F37), 8 hex digits
     */
    public record Transaction(long amountMinor, long otherAmountMinor, String currency, String currencyNumeric,
                              String terminalCountry, String tvr, String date, String type,
                              String unpredictableNumber) {

        /**
         * Reads the terminal data out of TapBus CDOL1 data ({@link TransactionData#fromCdol1}, the card connector's
         * CDOL1 model). The alphabetic currency is not in CDOL1 and is given by the caller.
         *
         * @throws IllegalArgumentException when the data is not 29 bytes, a number is not BCD, a code not n3 or the
         *                                  date not a date
         */
        public static Transaction fromCdol1(String cdol1Hex, String currency) {
            String d = Objects.requireNonNull(cdol1Hex, "cdol1").toUpperCase(Locale.ROOT);
            if (d.length() != CDOL1_HEX_LENGTH || !Json.isHex(d)) {
                throw new IllegalArgumentException("cdol1 must be " + CDOL1_HEX_LENGTH
                        + " hex digits (the 29 bytes of the TapBus CDOL1)");
            }
            TransactionData data;
            try {
                data = TransactionData.fromCdol1(Hex.parse(d));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cdol1 " + e.getMessage());
            }
            return new Transaction(data.amountAuthorised(), data.amountOther(), currency,
                    String.format("%03d", data.currency()), String.format("%03d", data.terminalCountry()),
                    Hex.of(data.tvr()), YYMMDD.format(data.date()), String.format("%02d", data.type()),
                    Hex.of(data.unpredictableNumber()));
        }
    }

    /** A request without a basket (as every reader before the basket extension sends). */
    public PaymentRequest(String correlationId, String readerTime, String aid, Card card, String atc, String arqc, String cid, String iad,
                          String aip, String cdol1, Transaction transaction, String merchantCategory, boolean offline) {
        this(correlationId, readerTime, aid, card, atc, arqc, cid, iad, aip, cdol1, transaction, merchantCategory, offline, null);
    }

    /** The same request with a basket. */
    public PaymentRequest withBasket(ReaderBasket basket) {
        return new PaymentRequest(correlationId, readerTime, aid, card, atc, arqc, cid, iad, aip, cdol1, transaction, merchantCategory,
                offline, basket);
    }

    public byte[] toJson() {
        return Json.write(this);
    }

    /** Parses and validates the body of an authenticated PAYMENT_REQUEST frame; problems become BAD_BODY. */
    public static PaymentRequest parse(ReaderFrame frame) throws FrameException {
        try {
            return parse(frame.body());
        } catch (IllegalArgumentException e) {
            throw new FrameException(ErrorCode.BAD_BODY, e.getMessage(), frame.readerId(), frame.sequence());
        }
    }

    /** Unknown fields are ignored, so later minor revisions of v1 can add fields. */
    static PaymentRequest parse(byte[] body) {
        JsonNode node = Json.object(body);
        String correlationId = Json.text(node, "correlationId");
        if (correlationId == null || correlationId.isEmpty()) {
            throw new IllegalArgumentException("correlationId is required: it is the idempotency key of the payment");
        }
        if (correlationId.length() > MAX_CORRELATION_ID) {
            throw new IllegalArgumentException("correlationId is longer than " + MAX_CORRELATION_ID + " characters");
        }
        String readerTime = Json.requiredText(node, "readerTime");
        try {
            Instant.parse(readerTime);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("readerTime must be an ISO-8601 instant such as 2026-11-25T18:00:00Z");
        }
        String aid = Json.requiredHex(node, "aid", 10, 32, "10 to 32 hex digits (an AID of 5 to 16 bytes)");
        Card card = nested("card", () -> PaymentRequestFields.card(node));
        String atc = Json.requiredHex(node, "atc", 4, 4, "4 hex digits");
        String arqc = Json.requiredHex(node, "arqc", 16, 16, "16 hex digits");
        String cid = Json.requiredHex(node, "cid", 2, 2, "2 hex digits");
        String iad = Json.requiredHex(node, "iad", 2, 64, "2 to 64 hex digits (1 to 32 bytes)");
        String aip = Json.requiredHex(node, "aip", 4, 4, "4 hex digits");
        String cdol1 = Json.requiredHex(node, "cdol1", CDOL1_HEX_LENGTH, CDOL1_HEX_LENGTH,
                CDOL1_HEX_LENGTH + " hex digits (the 29 bytes of the TapBus CDOL1)");
        Transaction transaction = nested("transaction", () -> PaymentRequestFields.transaction(node));
        Transaction inCdol1 = Transaction.fromCdol1(cdol1, transaction.currency());
        if (!inCdol1.equals(transaction)) {
            throw new IllegalArgumentException("transaction does not match cdol1: " + PaymentRequestFields.difference(transaction, inCdol1));
        }
        String merchantCategory = Json.text(node, "merchantCategory");
        if (merchantCategory != null && !DIGITS_4.matcher(merchantCategory).matches()) {
            throw new IllegalArgumentException("merchantCategory must be 4 digits (ISO 18245)");
        }
        Boolean offline = Json.bool(node, "offline");
        ReaderBasket basket = ReaderBasket.parse(node);
        if (basket != null && basket.totalMinor() != transaction.amountMinor()) {
            throw new IllegalArgumentException("basket total " + basket.totalMinor() + " is not transaction.amountMinor "
                    + transaction.amountMinor() + ": the card authorises the basket's total");
        }
        return new PaymentRequest(correlationId, readerTime, aid, card, atc, arqc, cid, iad, aip, cdol1, transaction,
                merchantCategory, offline != null && offline, basket);
    }

    /** Runs a nested parser and puts the object's name in front of its messages ("card.pan must be ..."). */
    private static <T> T nested(String name, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new IllegalArgumentException(message.startsWith(name + " ") ? message : name
                    + (message.startsWith("is ") ? " " : ".") + message);
        }
    }

    /** The CDOL1 data as bytes: with {@link #aipBytes()}, {@link #atcValue()} and {@link #iadBytes()} the ARQC input. */
    public byte[] cdol1Bytes() {
        return HexFormat.of().parseHex(cdol1);
    }

    public byte[] arqcBytes() {
        return HexFormat.of().parseHex(arqc);
    }

    public byte[] aipBytes() {
        return HexFormat.of().parseHex(aip);
    }

    public byte[] iadBytes() {
        return HexFormat.of().parseHex(iad);
    }

    public int atcValue() {
        return Integer.parseInt(atc, 16);
    }

    public int cidValue() {
        return Integer.parseInt(cid, 16);
    }

    /** Masks the PAN (first 6 and last 4 digits): full card numbers must not reach logs. */
    @Override
    public String toString() {
        return "PaymentRequest[card=" + card + " atc=" + atc + " amountMinor="
                + (transaction == null ? null : transaction.amountMinor() + " " + transaction.currency())
                + " correlationId=" + correlationId + " offline=" + offline
                + (basket == null ? "" : " basketLines=" + basket.lines().size() + " coupons=" + basket.couponCodes().size()) + "]";
    }
}
