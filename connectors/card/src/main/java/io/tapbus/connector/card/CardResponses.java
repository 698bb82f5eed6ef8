package io.tapbus.connector.card;

import io.tapbus.connector.common.Hex;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decoders of the card's response APDUs in a TapBus payment (EMV 4.3 Book 1 11.3, Book 3 6.5 and Annex B): the status
 * word, the SELECT FCI, the GET PROCESSING OPTIONS response in format 1 (tag 80) and format 2 (tag 77), the card data
 * record (tag 70) and the GENERATE AC response in format 1 and format 2. The stored-value balance record is read by
 * {@link TapBusApplication#balanceOf}.
 *
 * <p>Strict: a template must be one whole BER-TLV (00/FF padding allowed around and between data objects) holding each
 * data object at most once, with the length and format EMV gives it; data objects the reader does not use are skipped.
 * Whatever the bytes, a decoder returns its value or throws {@link CardResponseException}, whose message names the
 * command and the data object, never a value.
 */
public final class CardResponses {

    /** The most IAD that fits a PAYMENT_REQUEST and that EMV allows (9F10, b 1 to 32). */
    public static final int MAX_IAD = 32;

    private CardResponses() {
    }

    /** A response APDU split into its data and its status word SW1 SW2. */
    public record Response(byte[] data, int sw) {

        public static final int OK = 0x9000;

        public Response {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        public boolean ok() {
            return sw == OK;
        }

        @Override
        public String toString() {
            return "Response[" + data.length + " bytes, sw=" + String.format("%04X", sw) + "]";
        }
    }

    /** The FCI of a selected application: its DF name (AID), label and PDOL when the card gives them. */
    public record Fci(byte[] dfName, Optional<String> label, byte[] pdol) {

        public Fci {
            dfName = dfName.clone();
            pdol = pdol.clone();
        }

        @Override
        public byte[] dfName() {
            return dfName.clone();
        }

        /** The PDOL (9F38); empty when the card asks for none. */
        @Override
        public byte[] pdol() {
            return pdol.clone();
        }

        /** Whether this is the FCI of {@code aid} (the DF name starts with it: partial names select too). */
        public boolean names(byte[] aid) {
            return dfName.length >= aid.length && Arrays.equals(dfName, 0, aid.length, aid, 0, aid.length);
        }
    }

    /** The GET PROCESSING OPTIONS answer: AIP (2 bytes) and AFL (entries of 4 bytes). */
    public record ProcessingOptions(byte[] aip, byte[] afl) {

        public ProcessingOptions {
            aip = aip.clone();
            afl = afl.clone();
        }

        @Override
        public byte[] aip() {
            return aip.clone();
        }

        @Override
        public byte[] afl() {
            return afl.clone();
        }
    }

    /** The TapBus card data record: the card (PAN, PSN) and its expiry date, YYMMDD. */
    public record CardData(CardId card, String expiry) {
    }

    /** A GENERATE AC answer: CID, ATC, the application cryptogram (8 bytes) and the IAD (0 to 32 bytes). */
    public record Cryptogram(int cid, int atc, byte[] cryptogram, byte[] iad) {

        public static final int TYPE_MASK = 0xC0;
        public static final int AAC = 0x00;
        public static final int TC = 0x40;
        public static final int ARQC = 0x80;

        public Cryptogram {
            cryptogram = cryptogram.clone();
            iad = iad.clone();
        }

        @Override
        public byte[] cryptogram() {
            return cryptogram.clone();
        }

        @Override
        public byte[] iad() {
            return iad.clone();
        }

        /** {@link #AAC}, {@link #TC} or {@link #ARQC}. */
        public int type() {
            return cid & TYPE_MASK;
        }

        @Override
        public String toString() {
            return "Cryptogram[cid=" + String.format("%02X", cid) + ", atc=" + String.format("%04X", atc) + ", ac="
                    + Hex.of(cryptogram) + ", iad=" + Hex.of(iad) + "]";
        }
    }

    /**
     * Splits a response APDU into data and status word.
     *
     * @throws CardResponseException when there is no status word (fewer than 2 bytes) or SW1 is not one ISO/IEC 7816-4
     *                               allows (61 to 6F, 90 to 9F)
     */
    public static Response response(byte[] apdu) throws CardResponseException {
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

    /** The data of a successful SELECT: FCI template 6F { 84 DF name, A5 { 50 label, 87 priority, 9F38 PDOL, ... } }. */
    public static Fci fci(byte[] data) throws CardResponseException {
        String what = "SELECT";
        Tlv fci = single(data, what);
        if (fci.tag != 0x6F) {
            throw new CardResponseException(what + ": the answer is not an FCI template (6F)");
        }
        Map<Integer, Tlv> inFci = children(fci, what);
        byte[] dfName = required(inFci, 0x84, "DF name", 5, 16, what);
        Tlv proprietary = inFci.get(0xA5);
        if (proprietary == null || !proprietary.constructed) {
            throw new CardResponseException(what + ": the FCI proprietary template (A5) is missing");
        }
        Map<Integer, Tlv> inProprietary = children(proprietary, what);
        byte[] label = optional(inProprietary, 0x50, "application label", 1, 16, what);
        optional(inProprietary, 0x87, "application priority indicator", 1, 1, what);
        byte[] pdol = optional(inProprietary, 0x9F38, "PDOL", 0, 252, what);
        return new Fci(dfName, label == null ? Optional.empty()
                : Optional.of(new String(label, StandardCharsets.US_ASCII)), pdol == null ? new byte[0] : pdol);
    }

    /**
     * The data of a successful GET PROCESSING OPTIONS: format 1, {@code 80} AIP ‖ AFL, or format 2, {@code 77 { 82
     * AIP, 94 AFL, ... }}. The AFL must be whole entries (SFI 1 to 30, first record 1 or more, last record not before
     * the first, no more offline-authentication records than records).
     */
    public static ProcessingOptions processingOptions(byte[] data) throws CardResponseException {
        String what = "GET PROCESSING OPTIONS";
        Tlv answer = single(data, what);
        byte[] aip;
        byte[] afl;
        if (answer.tag == 0x80) {
            byte[] value = answer.value();
            if (value.length < 2) {
                throw new CardResponseException(what + ": format 1 (80) is shorter than the AIP");
            }
            aip = Arrays.copyOf(value, 2);
            afl = Arrays.copyOfRange(value, 2, value.length);
        } else if (answer.tag == 0x77 && answer.constructed) {
            Map<Integer, Tlv> template = children(answer, what);
            aip = required(template, 0x82, "AIP", 2, 2, what);
            afl = required(template, 0x94, "AFL", 0, 252, what);
        } else {
            throw new CardResponseException(what + ": the answer is neither format 1 (80) nor format 2 (77)");
        }
        checkAfl(afl, what);
        return new ProcessingOptions(aip, afl);
    }

    /**
     * The TapBus card data record (SFI 1 record 1): {@code 70 { 5A PAN, 5F24 expiry date, 5F34 PSN }}. The PAN is 12
     * to 19 digits (BCD, F-padded), the expiry a date YYMMDD, the PSN two digits ("00" when the card has none).
     */
    public static CardData cardData(byte[] record) throws CardResponseException {
        String what = "READ RECORD";
        Tlv template = single(record, what);
        if (template.tag != 0x70 || !template.constructed) {
            throw new CardResponseException(what + ": the record is not a record template (70)");
        }
        Map<Integer, Tlv> tags = children(template, what);
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

    /**
     * The data of a successful GENERATE AC: format 1, {@code 80} CID ‖ ATC ‖ AC ‖ IAD (0 to 32 bytes), or format 2,
     * {@code 77 { 9F27 CID, 9F36 ATC, 9F26 AC, 9F10 IAD, ... }}. The CID must name a cryptogram type (AAC, TC, ARQC;
     * not the reserved 11).
     */
    public static Cryptogram generateAc(byte[] data) throws CardResponseException {
        String what = "GENERATE AC";
        Tlv answer = single(data, what);
        int cid;
        byte[] atc;
        byte[] cryptogram;
        byte[] iad;
        if (answer.tag == 0x80) {
            byte[] value = answer.value();
            if (value.length < 11 || value.length > 11 + MAX_IAD) {
                throw new CardResponseException(what + ": format 1 (80) is not CID, ATC, AC and up to "
                        + MAX_IAD + " bytes of IAD");
            }
            cid = value[0] & 0xFF;
            atc = Arrays.copyOfRange(value, 1, 3);
            cryptogram = Arrays.copyOfRange(value, 3, 11);
            iad = Arrays.copyOfRange(value, 11, value.length);
        } else if (answer.tag == 0x77 && answer.constructed) {
            Map<Integer, Tlv> template = children(answer, what);
            cid = required(template, 0x9F27, "cryptogram information data", 1, 1, what)[0] & 0xFF;
            atc = required(template, 0x9F36, "ATC", 2, 2, what);
            cryptogram = required(template, 0x9F26, "application cryptogram", 8, 8, what);
            byte[] given = optional(template, 0x9F10, "issuer application data", 0, MAX_IAD, what);
            iad = given == null ? new byte[0] : given;
        } else {
            throw new CardResponseException(what + ": the answer is neither format 1 (80) nor format 2 (77)");
        }
        if ((cid & Cryptogram.TYPE_MASK) == Cryptogram.TYPE_MASK) {
            throw new CardResponseException(what + ": the cryptogram information data names a reserved type");
        }
        return new Cryptogram(cid, ((atc[0] & 0xFF) << 8) | (atc[1] & 0xFF), cryptogram, iad);
    }

    // ---- BER-TLV, strictly ----

    /** One data object: where its value lies in {@code data}. */
    private record Tlv(int tag, boolean constructed, byte[] data, int from, int to) {

        byte[] value() {
            return Arrays.copyOfRange(data, from, to);
        }
    }

    /** The data objects between {@code from} and {@code to}: tags of 1 to 3 bytes, lengths in short or 81/82 form. */
    private static List<Tlv> parse(byte[] data, int from, int to, String what) throws CardResponseException {
        List<Tlv> objects = new ArrayList<>();
        int i = from;
        while (i < to) {
            int first = data[i] & 0xFF;
            if (first == 0x00 || first == 0xFF) { // padding before, between or after data objects
                i++;
                continue;
            }
            i++;
            int tag = first;
            if ((first & 0x1F) == 0x1F) {
                int more = 0;
                boolean next;
                do {
                    if (i >= to) {
                        throw new CardResponseException(what + ": a tag is cut off");
                    }
                    if (++more > 2) {
                        throw new CardResponseException(what + ": a tag is longer than three bytes");
                    }
                    next = (data[i] & 0x80) != 0;
                    tag = (tag << 8) | (data[i++] & 0xFF);
                } while (next);
            }
            if (i >= to) {
                throw new CardResponseException(what + ": tag " + name(tag) + " has no length");
            }
            int length = data[i++] & 0xFF;
            if (length > 0x7F) {
                int octets = length & 0x7F;
                if (octets < 1 || octets > 2 || octets > to - i) {
                    throw new CardResponseException(what + ": tag " + name(tag) + " has a bad length");
                }
                length = 0;
                for (int k = 0; k < octets; k++) {
                    length = (length << 8) | (data[i++] & 0xFF);
                }
            }
            if (length > to - i) {
                throw new CardResponseException(what + ": tag " + name(tag) + " runs past the end");
            }
            objects.add(new Tlv(tag, (first & 0x20) != 0, data, i, i + length));
            i += length;
        }
        return objects;
    }

    /** The one data object the response consists of. */
    private static Tlv single(byte[] data, String what) throws CardResponseException {
        List<Tlv> objects = parse(data, 0, data.length, what);
        if (objects.size() != 1) {
            throw new CardResponseException(what + ": the answer is " + objects.size()
                    + " data objects instead of one template");
        }
        return objects.get(0);
    }

    /** The data objects inside a constructed one, by tag; a tag that appears twice is refused. */
    private static Map<Integer, Tlv> children(Tlv template, String what) throws CardResponseException {
        Map<Integer, Tlv> byTag = new HashMap<>();
        for (Tlv object : parse(template.data, template.from, template.to, what)) {
            if (byTag.put(object.tag, object) != null) {
                throw new CardResponseException(what + ": tag " + name(object.tag) + " appears twice");
            }
        }
        return byTag;
    }

    private static byte[] required(Map<Integer, Tlv> tags, int tag, String name, int min, int max, String what)
            throws CardResponseException {
        byte[] value = optional(tags, tag, name, min, max, what);
        if (value == null) {
            throw new CardResponseException(what + ": tag " + name(tag) + " (" + name + ") is missing");
        }
        return value;
    }

    private static byte[] optional(Map<Integer, Tlv> tags, int tag, String name, int min, int max, String what)
            throws CardResponseException {
        Tlv object = tags.get(tag);
        if (object == null) {
            return null;
        }
        int length = object.to - object.from;
        if (object.constructed || length < min || length > max) {
            throw new CardResponseException(what + ": tag " + name(tag) + " (" + name + ") is not "
                    + (min == max ? min + " bytes" : min + " to " + max + " bytes"));
        }
        return object.value();
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

    private static String name(int tag) {
        return Integer.toHexString(tag).toUpperCase(Locale.ROOT);
    }
}
