package io.tapbus.samples.tag;

import io.tapbus.connector.tag.Lrp;
import io.tapbus.connector.tag.PiccData;
import io.tapbus.connector.tag.SdmAes;
import io.tapbus.connector.tag.SdmLrp;
import io.tapbus.connector.tag.SdmMac;
import io.tapbus.connector.tag.SunMode;
import io.tapbus.connector.tag.SunVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes SUN messages as an NTAG 424 DNA does when it is read (NT4H2421Gx §9.3, AN12196 §3): the tag side of what
 * {@link SunVerifier} checks. Only the generation steps live here; the session keys, the MAC and its truncation
 * come from the connector ({@link SdmAes}, {@link SdmLrp}, {@link Lrp}, {@link SdmMac}).
 *
 * <pre>
 *   PICCData plaintext = C7 || UID (7) || SDMReadCtr (3, LSB first) || random padding (5)
 *   AES: picc_data = AES-128-ECB(meta-read key; plaintext)            (one block, i.e. CBC with IV 0)
 *        enc       = AES-128-CBC(KSesSDMFileReadENC, IV = AES(KSesSDMFileReadENC; ctr || 00 x 13); file data)
 *   LRP: picc_data = PICCRand (8) || LRICB(meta-read key, updated key 0, counter = PICCRand; plaintext)
 *        enc       = LRICB(SesSDMFileReadMaster, updated key 1, counter = ctr || 00 00 00; file data)
 *   cmac = odd bytes of the full MAC over SunVerifier.defaultMacInput(enc): "ENC&amp;cmac=" or empty
 * </pre>
 *
 * The tag always mirrors UID and counter here (PICCDataTag C7, the usual set-up). Immutable and thread-safe when the
 * given {@link Random} is (the default {@link SecureRandom} is).
 */
public final class SunMessageWriter {

    /** The PICCDataTag of a tag that mirrors the 7-byte UID and the counter. */
    public static final int PICC_DATA_TAG = 0xC7;
    /** Random padding bytes at the end of the 16-byte PICCData plaintext: 16 - 1 - 7 - 3. */
    public static final int PADDING_LENGTH = 5;
    /** The PICCRand that starts LRP PICCData. */
    public static final int PICC_RAND_LENGTH = 8;
    /** SDMReadCtr is 24 bits. */
    public static final int MAX_COUNTER = 0xFFFFFF;

    private static final int BLOCK = 16;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final SunMode mode;
    private final byte[] metaReadKey;
    private final byte[] fileReadKey;
    private final Random random;

    public SunMessageWriter(SunMode mode, byte[] metaReadKey, byte[] fileReadKey) {
        this(mode, metaReadKey, fileReadKey, new SecureRandom());
    }

    public SunMessageWriter(SunMode mode, byte[] metaReadKey, byte[] fileReadKey, Random random) {
        if (mode == null) {
            throw new IllegalArgumentException("mode is missing");
        }
        requireKey("SDM meta-read key", metaReadKey);
        requireKey("SDM file-read key", fileReadKey);
        this.mode = mode;
        this.metaReadKey = metaReadKey.clone();
        this.fileReadKey = fileReadKey.clone();
        this.random = random;
    }

    /** How many random bytes one message takes: the padding (AES), or PICCRand followed by the padding (LRP). */
    public int piccRandomLength() {
        return mode == SunMode.AES ? PADDING_LENGTH : PICC_RAND_LENGTH + PADDING_LENGTH;
    }

    /** A message with fresh random PICCData padding (and PICCRand in LRP mode), as a real tag writes it. */
    public SunMessage write(byte[] uid, int counter, byte[] fileData) {
        byte[] piccRandom = new byte[piccRandomLength()];
        random.nextBytes(piccRandom);
        return write(uid, counter, fileData, piccRandom);
    }

    /**
     * A message with the given random part ({@link #piccRandomLength()} bytes: the 5 padding bytes in AES mode, the
     * 8-byte PICCRand then the 5 padding bytes in LRP mode), to reproduce a published message exactly.
     *
     * @param fileData the plaintext file data (whole 16-byte blocks, see {@link #padFileData}), or null for none
     */
    public SunMessage write(byte[] uid, int counter, byte[] fileData, byte[] piccRandom) {
        if (uid == null || uid.length != PiccData.UID_LENGTH) {
            throw new IllegalArgumentException("UID must be 7 bytes");
        }
        if (counter < 0 || counter > MAX_COUNTER) {
            throw new IllegalArgumentException("SDMReadCtr must be 0 to " + MAX_COUNTER + ", got " + counter);
        }
        if (fileData != null && (fileData.length == 0 || fileData.length % BLOCK != 0)) {
            throw new IllegalArgumentException("file data must be whole 16-byte blocks, got " + fileData.length);
        }
        if (piccRandom == null || piccRandom.length != piccRandomLength()) {
            throw new IllegalArgumentException(mode + " PICCData needs " + piccRandomLength() + " random bytes");
        }
        byte[] counterLsbFirst = {(byte) counter, (byte) (counter >>> 8), (byte) (counter >>> 16)};
        byte[] counterMsbFirst = {counterLsbFirst[2], counterLsbFirst[1], counterLsbFirst[0]};
        // The session vectors only depend on UID and counter, so the plain form stands for the decrypted PICCData.
        PiccData picc = PiccData.plain(uid, counterMsbFirst);

        byte[] plaintext = new byte[BLOCK];
        plaintext[0] = (byte) PICC_DATA_TAG;
        System.arraycopy(uid, 0, plaintext, 1, PiccData.UID_LENGTH);
        System.arraycopy(counterLsbFirst, 0, plaintext, 1 + PiccData.UID_LENGTH, PiccData.COUNTER_LENGTH);
        System.arraycopy(piccRandom, piccRandom.length - PADDING_LENGTH, plaintext, BLOCK - PADDING_LENGTH,
                PADDING_LENGTH);

        byte[] encryptedPicc;
        byte[] enc = null;
        if (mode == SunMode.AES) {
            encryptedPicc = aes("AES/ECB/NoPadding", metaReadKey, null, plaintext);
            if (fileData != null) {
                byte[] encKey = SdmAes.sessionEncKey(fileReadKey, picc);
                enc = aes("AES/CBC/NoPadding", encKey, SdmAes.fileDataIv(encKey, picc), fileData);
            }
        } else {
            byte[] piccRand = Arrays.copyOf(piccRandom, PICC_RAND_LENGTH);
            byte[] block = new Lrp(metaReadKey, 0).encrypt(piccRand, plaintext);
            encryptedPicc = new byte[PICC_RAND_LENGTH + BLOCK];
            System.arraycopy(piccRand, 0, encryptedPicc, 0, PICC_RAND_LENGTH);
            System.arraycopy(block, 0, encryptedPicc, PICC_RAND_LENGTH, BLOCK);
            if (fileData != null) {
                byte[] lricbCounter = Arrays.copyOf(counterLsbFirst, 6); // SDMReadCtr || 00 00 00
                enc = new Lrp(SdmLrp.sessionMasterKey(fileReadKey, picc), 1).encrypt(lricbCounter, fileData);
            }
        }
        String encHex = enc == null ? null : HEX.formatHex(enc);
        byte[] macInput = SunVerifier.defaultMacInput(encHex).getBytes(StandardCharsets.UTF_8);
        byte[] fullMac = mode == SunMode.AES
                ? SdmAes.fullMac(fileReadKey, picc, macInput)
                : SdmLrp.fullMac(fileReadKey, picc, macInput);
        return new SunMessage(HEX.formatHex(encryptedPicc), encHex, HEX.formatHex(SdmMac.truncate(fullMac)));
    }

    /**
     * The file data a tag would encrypt for {@code text}: its UTF-8 bytes followed by zero bytes up to the next
     * multiple of 16. A tag encrypts SDMENCLength / 2 bytes of its file, and SDMENCLength is a multiple of 32
     * (AN12196 §3.4.3), so the plaintext is always whole AES blocks; the zeros stand for the unused rest of that
     * window. Returns null for null.
     */
    public static byte[] padFileData(String text) {
        if (text == null) {
            return null;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            throw new IllegalArgumentException("file data is empty");
        }
        return Arrays.copyOf(bytes, (bytes.length + BLOCK - 1) / BLOCK * BLOCK);
    }

    private static byte[] aes(String transformation, byte[] key, byte[] iv, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance(transformation);
            SecretKeySpec spec = new SecretKeySpec(key, "AES");
            if (iv == null) {
                cipher.init(Cipher.ENCRYPT_MODE, spec);
            } else {
                cipher.init(Cipher.ENCRYPT_MODE, spec, new IvParameterSpec(iv));
            }
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128 is not available: " + e.getMessage(), e);
        }
    }

    private static void requireKey(String what, byte[] key) {
        if (key == null || key.length != BLOCK) {
            throw new IllegalArgumentException("the " + what + " must be 16 bytes");
        }
    }
}
