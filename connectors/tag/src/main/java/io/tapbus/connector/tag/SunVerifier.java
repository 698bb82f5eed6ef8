package io.tapbus.connector.tag;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Verifies NTAG 424 DNA Secure Unique NFC (SUN) messages for one tag configuration: the mode, the SDM meta-read
 * key (decrypts PICCData), the SDM file-read key (MAC and file data) and, for TagTamper tags, where the status
 * letters sit in the decrypted file data.
 *
 * <p>Two message forms are supported. Encrypted mirroring: {@code picc_data} (PICCData encrypted under the
 * meta-read key), optional {@code enc} (SDMENCFileData) and {@code cmac} (SDMMAC). Plain mirroring: {@code uid} and
 * {@code ctr} in clear (counter MSB first, as the URL shows it), optional {@code enc}, and {@code cmac}.
 *
 * <p>The MAC input is the exact text the tag MACs: the file bytes from SDMMACInputOffset up to SDMMACOffset. It
 * depends on how the tag was configured, so the caller gives it; null means {@link #defaultMacInput(String)}.
 *
 * <p>Malformed input throws {@link SunException}. A well-formed message that is not authentic, including PICCData
 * that decrypts to no valid PICCDataTag (wrong meta-read key, wrong mode, or altered picc_data), gives a result
 * whose {@code macValid} is false. Immutable and thread-safe.
 */
public final class SunVerifier {

    /** The name of the MAC parameter in the default MAC input. */
    public static final String DEFAULT_MAC_PARAMETER = "cmac";

    private final SunMode mode;
    private final byte[] metaReadKey;
    private final byte[] fileReadKey;
    private final Integer tagTamperOffset;
    /** LRP mode: the LRP keys (16 plaintexts + updated key) of the two static keys, made once, not per message. */
    private final Lrp metaReadLrp;
    private final Lrp fileReadLrp;

    /**
     * @param metaReadKey the SDM meta-read key; may be null when only plainly mirrored messages are verified
     * @param fileReadKey the SDM file-read key (for one tag: see {@link TagKeys} for diversified keys)
     */
    public SunVerifier(SunMode mode, byte[] metaReadKey, byte[] fileReadKey) throws SunException {
        this(mode, metaReadKey, fileReadKey, null);
    }

    private SunVerifier(SunMode mode, byte[] metaReadKey, byte[] fileReadKey, Integer tagTamperOffset)
            throws SunException {
        if (mode == null) {
            throw new SunException("mode is missing");
        }
        if (metaReadKey != null && metaReadKey.length != Aes128.KEY_LENGTH) {
            throw new SunException("the SDM meta-read key must be 16 bytes, got " + metaReadKey.length);
        }
        if (fileReadKey == null || fileReadKey.length != Aes128.KEY_LENGTH) {
            throw new SunException("the SDM file-read key must be 16 bytes"
                    + (fileReadKey == null ? "" : ", got " + fileReadKey.length));
        }
        this.mode = mode;
        this.metaReadKey = metaReadKey == null ? null : metaReadKey.clone();
        this.fileReadKey = fileReadKey.clone();
        this.tagTamperOffset = tagTamperOffset;
        this.metaReadLrp = mode == SunMode.LRP && metaReadKey != null ? new Lrp(metaReadKey, 0) : null;
        this.fileReadLrp = mode == SunMode.LRP ? new Lrp(fileReadKey, 0) : null;
    }

    /**
     * The same verifier for a TagTamper tag whose status letters are mirrored at {@code offset} bytes into the
     * decrypted file data (TTStatusOffset - SDMENCOffset; 0 in the usual set-up).
     */
    public SunVerifier withTagTamperAt(int offset) throws SunException {
        if (offset < 0) {
            throw new SunException("the TagTamper offset must not be negative, got " + offset);
        }
        return new SunVerifier(mode, metaReadKey, fileReadKey, offset);
    }

    public SunMode mode() {
        return mode;
    }

    /**
     * The MAC input when the tag MACs from the start of the encrypted file data up to the MAC (SDMMACInputOffset =
     * SDMENCOffset, as in AN12196's examples): the {@code enc} text in upper case followed by {@code &cmac=};
     * the empty input when there is no file data (SDMMACInputOffset = SDMMACOffset).
     */
    public static String defaultMacInput(String encHex) {
        return defaultMacInput(encHex, DEFAULT_MAC_PARAMETER);
    }

    /** {@link #defaultMacInput(String)} for a URL whose MAC parameter has another name, e.g. {@code c}. */
    public static String defaultMacInput(String encHex, String macParameter) {
        if (encHex == null || encHex.isBlank()) {
            return "";
        }
        return encHex.strip().toUpperCase(Locale.ROOT) + "&" + macParameter + "=";
    }

    /**
     * Decrypts PICCData and reads its PICCDataTag, UID and SDMReadCtr; a tag no NTAG 424 DNA produces is a
     * {@link SunException} here.
     */
    public PiccData decryptPiccData(String piccDataHex) throws SunException {
        return PiccData.parse(decryptPiccDataBytes(parsePiccData(piccDataHex)));
    }

    /** Verifies an encrypted-mirroring message; {@code encHex} and {@code macInput} may be null. */
    public SunResult verifyEncrypted(String piccDataHex, String encHex, String cmacHex, String macInput)
            throws SunException {
        byte[] encryptedPicc = parsePiccData(piccDataHex);
        byte[] enc = parseEnc(encHex);
        byte[] mac = parseMac(cmacHex);
        byte[] input = macInputBytes(macInput, encHex);
        requireTagTamperSource(enc);

        PiccData picc;
        try {
            picc = PiccData.parse(decryptPiccDataBytes(encryptedPicc));
        } catch (SunException notPiccData) {
            return SunResult.notAuthentic(null);
        }
        if (enc != null && !(picc.uidMirrored() && picc.counterMirrored())) {
            // a tag that encrypts file data always mirrors both, so this PICCData cannot come with this enc
            return SunResult.notAuthentic(picc);
        }
        return check(picc, enc, mac, input);
    }

    /** Verifies a plain-mirroring message: UID and counter in clear (counter MSB first, as the URL shows it). */
    public SunResult verifyPlain(String uidHex, String counterHex, String encHex, String cmacHex, String macInput)
            throws SunException {
        byte[] uid = HexInput.parse("uid", uidHex, PiccData.UID_LENGTH);
        byte[] counter = HexInput.parse("ctr", counterHex, PiccData.COUNTER_LENGTH);
        byte[] enc = parseEnc(encHex);
        byte[] mac = parseMac(cmacHex);
        byte[] input = macInputBytes(macInput, encHex);
        requireTagTamperSource(enc);
        return check(PiccData.plain(uid, counter), enc, mac, input);
    }

    private SunResult check(PiccData picc, byte[] enc, byte[] mac, byte[] macInput) throws SunException {
        byte[] lrpSessionKey = mode == SunMode.LRP ? SdmLrp.sessionMasterKey(fileReadLrp, picc) : null;
        byte[] fullMac = mode == SunMode.AES
                ? SdmAes.fullMac(fileReadKey, picc, macInput)
                : SdmLrp.fullMacWithSessionKey(lrpSessionKey, macInput);
        if (!SdmMac.matches(fullMac, mac)) {
            return SunResult.notAuthentic(picc);
        }
        String fileDataHex = null;
        String tagTamper = null;
        if (enc != null) {
            byte[] fileData = mode == SunMode.AES
                    ? SdmAes.decryptFileData(fileReadKey, picc, enc)
                    : SdmLrp.decryptFileDataWithSessionKey(lrpSessionKey, picc, enc);
            fileDataHex = HexInput.upper(fileData);
            if (tagTamperOffset != null) {
                tagTamper = TagTamperStatus.fromFileData(fileData, tagTamperOffset).code();
            }
        }
        return new SunResult(picc.uidHex(), picc.readCounter(), true, fileDataHex, tagTamper);
    }

    private byte[] parsePiccData(String piccDataHex) throws SunException {
        if (metaReadKey == null) {
            throw new SunException("an SDM meta-read key is needed to decrypt picc_data");
        }
        if (piccDataHex != null) {
            int digits = piccDataHex.strip().length();
            for (SunMode other : SunMode.values()) {
                if (other != mode && digits == 2 * other.piccDataLength()) {
                    throw new SunException("picc_data has " + digits + " hex digits, the size of " + other
                            + "-mode PICCData; " + mode + " mode needs " + 2 * mode.piccDataLength()
                            + " (is the mode right?)");
                }
            }
        }
        return HexInput.parse("picc_data", piccDataHex, mode.piccDataLength());
    }

    private byte[] decryptPiccDataBytes(byte[] encryptedPicc) {
        return mode == SunMode.AES
                ? SdmAes.decryptPiccData(metaReadKey, encryptedPicc)
                : SdmLrp.decryptPiccData(metaReadLrp, encryptedPicc);
    }

    private static byte[] parseEnc(String encHex) throws SunException {
        if (encHex == null) {
            return null;
        }
        byte[] enc = HexInput.parse("enc", encHex, -1);
        if (enc.length % Aes128.BLOCK != 0) {
            throw new SunException("enc must be whole 16-byte blocks (a multiple of 32 hex digits), got "
                    + enc.length + " bytes");
        }
        return enc;
    }

    private static byte[] parseMac(String cmacHex) throws SunException {
        return HexInput.parse("cmac", cmacHex, SdmMac.LENGTH);
    }

    private static byte[] macInputBytes(String macInput, String encHex) {
        String text = macInput != null ? macInput : defaultMacInput(encHex);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void requireTagTamperSource(byte[] enc) throws SunException {
        if (tagTamperOffset != null && enc == null) {
            throw new SunException("the TagTamper status is expected in the encrypted file data, but there is no enc");
        }
    }
}
