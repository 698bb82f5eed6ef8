package io.tapbus.connector.tag;

import java.util.Arrays;

/**
 * What a tap says about its tag: the UID and the SDM read counter (SDMReadCtr), each present only when the tag
 * mirrors it. Decrypted PICCData also carries the PICCDataTag that announced them (NT4H2421Gx table 21):
 *
 * <pre>
 *   bit 7    UID mirrored            bit 6    SDMReadCtr mirrored
 *   bits 5-4 RFU, 00                 bits 3-0 UID length: 7 when mirrored, 0 otherwise
 * </pre>
 *
 * The plaintext is {@code PICCDataTag [|| UID(7)] [|| SDMReadCtr(3, LSB first)] || random padding}. Plainly
 * mirrored data has no PICCDataTag ({@link #tag()} is -1) and shows the counter MSB first.
 */
public final class PiccData {

    public static final int UID_LENGTH = 7;
    public static final int COUNTER_LENGTH = 3;

    private static final int UID_MIRRORED = 0x80;
    private static final int COUNTER_MIRRORED = 0x40;
    private static final int RFU_BITS = 0x30;
    private static final int UID_LENGTH_BITS = 0x0F;

    private final int tag;
    private final byte[] uid;
    private final byte[] counterLsbFirst;

    private PiccData(int tag, byte[] uid, byte[] counterLsbFirst) {
        this.tag = tag;
        this.uid = uid;
        this.counterLsbFirst = counterLsbFirst;
    }

    /**
     * Reads decrypted PICCData. Refuses a PICCDataTag that no NTAG 424 DNA produces, which in practice means the
     * wrong SDM meta-read key, the wrong mode, or altered picc_data.
     */
    public static PiccData parse(byte[] plaintext) throws SunException {
        if (plaintext == null || plaintext.length != Aes128.BLOCK) {
            throw new SunException("decrypted PICCData must be 16 bytes");
        }
        int tag = plaintext[0] & 0xFF;
        String unknown = String.format("unknown PICCDataTag 0x%02X", tag);
        if ((tag & RFU_BITS) != 0) {
            throw new SunException(unknown + ": its RFU bits 5-4 are set");
        }
        boolean uidMirrored = (tag & UID_MIRRORED) != 0;
        boolean counterMirrored = (tag & COUNTER_MIRRORED) != 0;
        int uidLength = tag & UID_LENGTH_BITS;
        if (!uidMirrored && !counterMirrored) {
            throw new SunException(unknown + ": it mirrors neither UID nor SDMReadCtr");
        }
        if (uidMirrored && uidLength != UID_LENGTH) {
            throw new SunException(unknown + ": UID length " + uidLength + ", NTAG 424 DNA UIDs are 7 bytes");
        }
        if (!uidMirrored && uidLength != 0) {
            throw new SunException(unknown + ": UID length " + uidLength + " without UID mirroring");
        }
        int pos = 1;
        byte[] uid = null;
        if (uidMirrored) {
            uid = Arrays.copyOfRange(plaintext, pos, pos + UID_LENGTH);
            pos += UID_LENGTH;
        }
        byte[] counter = null;
        if (counterMirrored) {
            counter = Arrays.copyOfRange(plaintext, pos, pos + COUNTER_LENGTH);
        }
        return new PiccData(tag, uid, counter);
    }

    /** Plain mirroring: the UID and the counter as the URL shows them (counter MSB first). */
    public static PiccData plain(byte[] uid, byte[] counterMsbFirst) {
        if (uid == null || uid.length != UID_LENGTH) {
            throw new IllegalArgumentException("UID must be 7 bytes");
        }
        if (counterMsbFirst == null || counterMsbFirst.length != COUNTER_LENGTH) {
            throw new IllegalArgumentException("SDMReadCtr must be 3 bytes");
        }
        byte[] lsbFirst = {counterMsbFirst[2], counterMsbFirst[1], counterMsbFirst[0]};
        return new PiccData(-1, uid.clone(), lsbFirst);
    }

    /** The PICCDataTag, or -1 for plain mirroring. */
    public int tag() {
        return tag;
    }

    public boolean uidMirrored() {
        return uid != null;
    }

    public boolean counterMirrored() {
        return counterLsbFirst != null;
    }

    /** The 7-byte UID, or null when not mirrored. */
    public byte[] uid() {
        return uid == null ? null : uid.clone();
    }

    /** The UID in upper-case hex, or null when not mirrored. */
    public String uidHex() {
        return uid == null ? null : HexInput.upper(uid);
    }

    /** SDMReadCtr as the cryptography uses it (LSB first), or null when not mirrored. */
    public byte[] counterLsbFirst() {
        return counterLsbFirst == null ? null : counterLsbFirst.clone();
    }

    /** SDMReadCtr as a number, or -1 when not mirrored. */
    public int readCounter() {
        if (counterLsbFirst == null) {
            return -1;
        }
        return (counterLsbFirst[0] & 0xFF) | (counterLsbFirst[1] & 0xFF) << 8 | (counterLsbFirst[2] & 0xFF) << 16;
    }

    /** The context of the session vectors: {@code [UID] [|| SDMReadCtr LSB first]}, whatever is mirrored. */
    byte[] sessionContext() {
        int length = (uid == null ? 0 : UID_LENGTH) + (counterLsbFirst == null ? 0 : COUNTER_LENGTH);
        byte[] out = new byte[length];
        int pos = 0;
        if (uid != null) {
            System.arraycopy(uid, 0, out, pos, UID_LENGTH);
            pos += UID_LENGTH;
        }
        if (counterLsbFirst != null) {
            System.arraycopy(counterLsbFirst, 0, out, pos, COUNTER_LENGTH);
        }
        return out;
    }

    @Override
    public String toString() {
        return "PiccData[tag=" + (tag < 0 ? "plain" : String.format("0x%02X", tag)) + ", uid=" + uidHex()
                + ", readCounter=" + readCounter() + "]";
    }
}
