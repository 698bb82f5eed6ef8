package io.tapbus.connector.ota;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A secured command packet (ETSI TS 102 225 clause 5.1, SMS dialect of 3GPP TS 31.115 clause 4): what TapBus sends
 * to a toolkit application on the card, identified by its TAR. On the wire, from the command packet length on:
 *
 * <pre>
 * CPL(2) CHL(1) SPI(2) KIc(1) KID(1) TAR(3) | CNTR(5) PCNTR(1) CC(0 or 8) secured data, padding
 *                                             \______ ciphered with KIc when the SPI says so ______/
 * </pre>
 *
 * CPL counts the octets after itself, CHL those from SPI to the end of the checksum. The checksum (KID) covers CPL
 * to TAR, CNTR, PCNTR and the secured data with its padding, in clear. In an SMS the packet follows a user data header
 * with the command packet identifier (IEI 70, see {@link SmsDataDownload}); that header is not in the checksum.
 *
 * <p>The arrays are the caller's; records compare them by reference.
 */
public record CommandPacket(Spi spi, int kic, int kid, byte[] tar, long counter, byte[] data) {

    public static final long MAX_COUNTER = 0xFF_FFFF_FFFFL;
    /** SPI(2) KIc KID TAR(3) CNTR(5) PCNTR: the command header without its checksum. */
    static final int FIXED_HEADER = 13;
    /** CPL(2) CHL SPI(2) KIc KID TAR(3): what is never ciphered. */
    static final int CLEAR_PART = 10;

    public CommandPacket {
        if (kic < 0 || kic > 0xFF || kid < 0 || kid > 0xFF) {
            throw new IllegalArgumentException("KIc and KID are one octet each");
        }
        if (tar.length != 3) {
            throw new IllegalArgumentException("TAR must be 3 octets, got " + tar.length);
        }
        if (counter < 0 || counter > MAX_COUNTER) {
            throw new IllegalArgumentException("CNTR is 5 octets: 0 to FFFFFFFFFF");
        }
    }

    /** Secures the packet with the keys the SPI asks for: padding, checksum, then ciphering. */
    public byte[] encode(OtaKeys keys) throws OtaException {
        int checksumLength = checksumLength(spi);
        int padding = 0;
        if (spi.ciphered()) {
            keys.algorithm().checkIdentifier("KIc", kic, keys.kic());
            int block = keys.algorithm().blockSize();
            padding = (block - (6 + checksumLength + data.length) % block) % block;
        }
        if (checksumLength > 0) {
            keys.algorithm().checkIdentifier("KID", kid, keys.kid());
        }
        int cpl = 1 + FIXED_HEADER + checksumLength + data.length + padding;
        if (cpl > 0xFFFF) {
            throw OtaException.malformed("the command packet would be " + cpl + " octets; CPL allows 65535");
        }
        byte[] clear = clearPart(cpl, FIXED_HEADER + checksumLength);
        byte[] counterPart = counterPart(counter, padding);
        byte[] paddedData = Arrays.copyOf(data, data.length + padding);
        byte[] checksum = new byte[0];
        if (checksumLength > 0) {
            checksum = OtaChecksum.compute(keys.algorithm(), keys.kid(), concat(clear, counterPart, paddedData),
                    checksumLength);
        }
        byte[] secured = concat(counterPart, checksum, paddedData);
        if (spi.ciphered()) {
            secured = OtaCipher.encrypt(keys.algorithm(), keys.kic(), secured);
        }
        return concat(clear, secured);
    }

    /**
     * What the card does with a packet: checks lengths, deciphers, verifies the checksum and strips the padding.
     * Refused with {@link OtaException.Kind#CHECKSUM_FAILED} when the checksum does not verify.
     */
    public static CommandPacket decode(byte[] packet, OtaKeys keys) throws OtaException {
        if (packet.length < CLEAR_PART + 6) {
            throw OtaException.malformed("a command packet is at least 16 octets, got " + packet.length);
        }
        int cpl = u16(packet, 0);
        if (cpl != packet.length - 2) {
            throw OtaException.malformed("CPL says " + cpl + " octets follow, " + (packet.length - 2) + " do");
        }
        int chl = packet[2] & 0xFF;
        Spi spi = Spi.of(Arrays.copyOfRange(packet, 3, 5));
        int kic = packet[5] & 0xFF;
        int kid = packet[6] & 0xFF;
        byte[] tar = Arrays.copyOfRange(packet, 7, 10);
        int expected = checksumLength(spi);
        int checksumLength = chl - FIXED_HEADER;
        boolean shortCmac = expected > 0 && checksumLength == 4 && keys.algorithm() == OtaAlgorithm.AES;
        if (checksumLength != expected && !shortCmac) {
            throw OtaException.malformed("CHL " + chl + " does not fit the SPI " + spi + " (expected "
                    + (FIXED_HEADER + expected) + ")");
        }
        if (1 + chl > cpl) {
            throw OtaException.malformed("CHL " + chl + " runs past the packet (CPL " + cpl + ")");
        }
        byte[] secured = Arrays.copyOfRange(packet, CLEAR_PART, packet.length);
        int block = 1;
        if (spi.ciphered()) {
            keys.algorithm().checkIdentifier("KIc", kic, keys.kic());
            block = keys.algorithm().blockSize();
            if (secured.length % block != 0) {
                throw new OtaException(OtaException.Kind.CIPHERING_FAILED, "the ciphered part is " + secured.length
                        + " octets, not whole " + block + "-octet blocks");
            }
            secured = OtaCipher.decrypt(keys.algorithm(), keys.kic(), secured);
        }
        long counter = counter(secured, 0);
        int padding = secured[5] & 0xFF;
        byte[] paddedData = Arrays.copyOfRange(secured, 6 + checksumLength, secured.length);
        if (checksumLength > 0) {
            keys.algorithm().checkIdentifier("KID", kid, keys.kid());
            byte[] received = Arrays.copyOfRange(secured, 6, 6 + checksumLength);
            byte[] covered = concat(Arrays.copyOfRange(packet, 0, CLEAR_PART), Arrays.copyOfRange(secured, 0, 6),
                    paddedData);
            if (!OtaChecksum.verify(keys.algorithm(), keys.kid(), covered, received)) {
                throw new OtaException(OtaException.Kind.CHECKSUM_FAILED,
                        "rc_cc_ds_failed: the command packet's cryptographic checksum does not verify");
            }
        }
        byte[] data = stripPadding(paddedData, padding, spi.ciphered() ? block : 1, "command packet");
        return new CommandPacket(spi, kic, kid, tar, counter, data);
    }

    /** 0 or 8 octets as the SPI asks; RC and DS are refused. */
    static int checksumLength(Spi spi) throws OtaException {
        return switch (spi.integrity()) {
            case NONE -> 0;
            case CRYPTOGRAPHIC_CHECKSUM -> OtaChecksum.LENGTH;
            case REDUNDANCY_CHECK -> throw OtaException.unsupported("SPI " + spi
                    + " asks for a redundancy check (RC); TapBus uses a cryptographic checksum (CC) or none");
            case DIGITAL_SIGNATURE -> throw OtaException.unsupported("SPI " + spi
                    + " asks for a digital signature (DS); TapBus uses a cryptographic checksum (CC) or none");
        };
    }

    private byte[] clearPart(int cpl, int chl) {
        byte[] spiOctets = spi.bytes();
        return new byte[] {(byte) (cpl >> 8), (byte) cpl, (byte) chl, spiOctets[0], spiOctets[1], (byte) kic,
            (byte) kid, tar[0], tar[1], tar[2]};
    }

    static byte[] counterPart(long counter, int padding) {
        byte[] part = new byte[6];
        for (int i = 0; i < 5; i++) {
            part[i] = (byte) (counter >>> (8 * (4 - i)));
        }
        part[5] = (byte) padding;
        return part;
    }

    /** The 5-octet counter (CNTR) at {@code offset}, big-endian. */
    public static long counter(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 5; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    /** Removes PCNTR octets of padding: fewer than a block, all zero, and not more than the data. */
    static byte[] stripPadding(byte[] padded, int padding, int block, String what) throws OtaException {
        if (padding == 0) {
            return padded;
        }
        if (padding >= block || padding > padded.length) {
            throw new OtaException(OtaException.Kind.CIPHERING_FAILED, "the " + what + "'s padding counter PCNTR "
                    + padding + " does not fit " + (block == 1 ? "a packet that is not ciphered"
                    : padded.length + " octets of data in " + block + "-octet blocks"));
        }
        for (int i = padded.length - padding; i < padded.length; i++) {
            if (padded[i] != 0) {
                throw new OtaException(OtaException.Kind.CIPHERING_FAILED, "the " + what
                        + "'s padding octets are not zero");
            }
        }
        return Arrays.copyOf(padded, padded.length - padding);
    }

    static int u16(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
