package io.tapbus.connector.card;

import io.tapbus.connector.common.Hex;
import java.util.Arrays;
import java.util.Optional;

/**
 * The card's response APDUs in a TapBus payment (EMV 4.3 Book 1 11.3, Book 3 6.5 and Annex B), what each decodes to
 * and where: the status word and the SELECT FCI ({@code SelectDecoder}), the GET PROCESSING OPTIONS response in format
 * 1 (tag 80) and format 2 (tag 77) ({@code GpoDecoder}), the card data record (tag 70, {@code RecordDecoder}) and the
 * GENERATE AC response in format 1 and format 2 ({@code GenerateAcDecoder}), all on {@link BerTlv}. The stored-value
 * balance record is read by {@link TapBusApplication#balanceOf}.
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
        return SelectDecoder.response(apdu);
    }

    /** The data of a successful SELECT: FCI template 6F { 84 DF name, A5 { 50 label, 87 priority, 9F38 PDOL, ... } }. */
    public static Fci fci(byte[] data) throws CardResponseException {
        return SelectDecoder.fci(data);
    }

    /**
     * The data of a successful GET PROCESSING OPTIONS: format 1, {@code 80} AIP ‖ AFL, or format 2, {@code 77 { 82
     * AIP, 94 AFL, ... }}. The AFL must be whole entries (SFI 1 to 30, first record 1 or more, last record not before
     * the first, no more offline-authentication records than records).
     */
    public static ProcessingOptions processingOptions(byte[] data) throws CardResponseException {
        return GpoDecoder.processingOptions(data);
    }

    /**
     * The TapBus card data record (SFI 1 record 1): {@code 70 { 5A PAN, 5F24 expiry date, 5F34 PSN }}. The PAN is 12
     * to 19 digits (BCD, F-padded), the expiry a date YYMMDD, the PSN two digits ("00" when the card has none).
     */
    public static CardData cardData(byte[] record) throws CardResponseException {
        return RecordDecoder.cardData(record);
    }

    /**
     * The data of a successful GENERATE AC: format 1, {@code 80} CID ‖ ATC ‖ AC ‖ IAD (0 to 32 bytes), or format 2,
     * {@code 77 { 9F27 CID, 9F36 ATC, 9F26 AC, 9F10 IAD, ... }}. The CID must name a cryptogram type (AAC, TC, ARQC;
     * not the reserved 11).
     */
    public static Cryptogram generateAc(byte[] data) throws CardResponseException {
        return GenerateAcDecoder.generateAc(data);
    }
}
