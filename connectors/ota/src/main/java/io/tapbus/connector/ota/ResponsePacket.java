package io.tapbus.connector.ota;

import io.tapbus.connector.common.Hex;
import java.util.Arrays;
import java.util.Optional;

/**
 * A proof of receipt (PoR): the response packet a card sends back for a command packet (ETSI TS 102 225 clause 5.2,
 * SMS dialect of 3GPP TS 31.115 clause 6). As the SMS user data carries it:
 *
 * <pre>
 * UDHL IEI 71 00 | RPL(2) RHL(1) TAR(3) | CNTR(5) PCNTR(1) status(1) CC(RHL - 10) additional data, padding
 *                                         \__________ ciphered with KIc when the command's SPI asks ________/
 * </pre>
 *
 * RPL counts the octets after itself, RHL those from TAR to the end of the checksum. Unlike the command packet's,
 * the checksum covers the user data header too: UDH, RPL, RHL, TAR, CNTR, PCNTR, status and the additional data with
 * its padding, in clear. TAR and CNTR are copies of the command's.
 *
 * @param checksumLength 0 when the PoR carries no checksum; otherwise the length of the checksum that verified
 */
public record ResponsePacket(byte[] tar, long counter, int statusCode, byte[] data, boolean ciphered,
        int checksumLength) {

    /** RHL without a checksum: TAR(3) CNTR(5) PCNTR(1) status(1). */
    static final int BARE_HEADER = 10;

    public ResponsePacket {
        if (tar.length != 3) {
            throw new IllegalArgumentException("TAR must be 3 octets, got " + tar.length);
        }
        if (counter < 0 || counter > CommandPacket.MAX_COUNTER || statusCode < 0 || statusCode > 0xFF) {
            throw new IllegalArgumentException("CNTR is 5 octets and the status one");
        }
    }

    /** The snake-case status name ({@code por_ok}, {@code cntr_low}...). */
    public String statusLabel() {
        return PorStatus.label(statusCode);
    }

    public Optional<PorStatus> status() {
        return PorStatus.of(statusCode);
    }

    /** The compact remote response of a {@code por_ok} PoR that has additional data; empty otherwise. */
    public Optional<RemoteResponse> remoteResponse() throws OtaException {
        if (statusCode != PorStatus.POR_OK.code() || data.length == 0) {
            return Optional.empty();
        }
        return Optional.of(RemoteResponse.read(data));
    }

    /**
     * Decodes and verifies a PoR whose ciphering is known from the SPI of the command it answers. A checksum is
     * present when RHL says so and is then verified with the KID key ({@link OtaException.Kind#CHECKSUM_FAILED}).
     * {@code keys} may be null for a PoR that is neither ciphered nor checksummed.
     */
    public static ResponsePacket decode(byte[] userData, OtaKeys keys, boolean ciphered) throws OtaException {
        Layout layout = Layout.read(userData);
        byte[] secured = layout.secured();
        OtaAlgorithm algorithm = keys == null ? null : keys.algorithm();
        int block = 1;
        if (ciphered) {
            if (keys == null || !keys.hasKic()) {
                throw OtaException.malformed("a ciphered proof of receipt needs the KIc key");
            }
            block = algorithm.blockSize();
            if (secured.length % block != 0) {
                throw new OtaException(OtaException.Kind.CIPHERING_FAILED, "the ciphered part of the proof of receipt"
                        + " is " + secured.length + " octets, not whole " + block + "-octet blocks");
            }
            secured = OtaCipher.decrypt(algorithm, keys.kic(), secured);
        }
        int checksumLength = layout.checksumLength();
        byte[] paddedData = Arrays.copyOfRange(secured, 7 + checksumLength, secured.length);
        if (checksumLength > 0) {
            if (keys == null || !keys.hasKid()) {
                throw OtaException.malformed("the proof of receipt carries a " + checksumLength
                        + "-octet checksum: verifying it needs the KID key");
            }
            if (algorithm == OtaAlgorithm.TRIPLE_DES && checksumLength != 8) {
                throw OtaException.unsupported("a " + checksumLength + "-octet checksum is not a triple DES"
                        + " cryptographic checksum (8 octets)");
            }
            byte[] received = Arrays.copyOfRange(secured, 7, 7 + checksumLength);
            byte[] covered = CommandPacket.concat(layout.header(), Arrays.copyOf(secured, 7), paddedData);
            if (!OtaChecksum.verify(algorithm, keys.kid(), covered, received)) {
                throw new OtaException(OtaException.Kind.CHECKSUM_FAILED,
                        "rc_cc_ds_failed: the proof of receipt's cryptographic checksum does not verify");
            }
        }
        byte[] data = CommandPacket.stripPadding(paddedData, secured[5] & 0xFF, block, "proof of receipt");
        return new ResponsePacket(layout.tar(), CommandPacket.counter(secured, 0), secured[6] & 0xFF, data, ciphered,
                checksumLength);
    }

    /**
     * Decodes a PoR without knowing the command's SPI, as the command line does. A PoR without a checksum, or keys
     * without a KIc key, are read in clear. A checksummed one is verified in clear first; if it does not verify and
     * the part after TAR is whole cipher blocks, it is deciphered and verified again.
     */
    public static ResponsePacket decode(byte[] userData, OtaKeys keys) throws OtaException {
        Layout layout = Layout.read(userData);
        if (keys == null || layout.checksumLength() == 0 || !keys.hasKic()) {
            try {
                return decode(userData, keys, false);
            } catch (OtaException e) {
                if (e.kind() == OtaException.Kind.CHECKSUM_FAILED && keys != null && !keys.hasKic()) {
                    throw new OtaException(e.kind(), e.getMessage() + " (a ciphered proof of receipt needs the KIc"
                            + " key too)");
                }
                throw e;
            }
        }
        try {
            return decode(userData, keys, false);
        } catch (OtaException clear) {
            boolean retry = clear.kind() == OtaException.Kind.CHECKSUM_FAILED
                    || clear.kind() == OtaException.Kind.CIPHERING_FAILED;
            if (!retry || layout.secured().length % keys.algorithm().blockSize() != 0) {
                throw clear;
            }
            try {
                return decode(userData, keys, true);
            } catch (OtaException deciphered) {
                if (deciphered.kind() == OtaException.Kind.CHECKSUM_FAILED) {
                    throw new OtaException(deciphered.kind(), "rc_cc_ds_failed: the proof of receipt's"
                            + " cryptographic checksum verifies neither in clear nor deciphered");
                }
                throw deciphered;
            }
        }
    }

    /**
     * The card's side: this PoR as SMS user data (UDH {@code 02 71 00}), with a checksum of {@code checksumLength}
     * octets (0, or 8; 4 with AES) and ciphered when {@code cipher}. Used by tests and simulated cards.
     */
    public byte[] encode(OtaKeys keys, boolean cipher, int checksumLength) throws OtaException {
        byte[] udh = UserDataHeader.encode(new UserDataHeader.Element(UserDataHeader.RESPONSE_PACKET, new byte[0]));
        int padding = 0;
        if (cipher) {
            int block = keys.algorithm().blockSize();
            padding = (block - (7 + checksumLength + data.length) % block) % block;
        }
        int rhl = BARE_HEADER + checksumLength;
        int rpl = 1 + rhl + data.length + padding;
        if (rpl > 0xFFFF) {
            throw OtaException.malformed("the response packet would be " + rpl + " octets; RPL allows 65535");
        }
        byte[] header = CommandPacket.concat(udh, new byte[] {(byte) (rpl >> 8), (byte) rpl, (byte) rhl}, tar);
        byte[] counterPart = CommandPacket.concat(CommandPacket.counterPart(counter, padding),
                new byte[] {(byte) statusCode});
        byte[] paddedData = Arrays.copyOf(data, data.length + padding);
        byte[] checksum = checksumLength == 0 ? new byte[0] : OtaChecksum.compute(keys.algorithm(), keys.kid(),
                CommandPacket.concat(header, counterPart, paddedData), checksumLength);
        byte[] secured = CommandPacket.concat(counterPart, checksum, paddedData);
        if (cipher) {
            secured = OtaCipher.encrypt(keys.algorithm(), keys.kic(), secured);
        }
        return CommandPacket.concat(header, secured);
    }

    /** Where the parts of a PoR are, checked against its length fields before anything is deciphered. */
    private record Layout(byte[] userData, int udhLength, int checksumLength) {

        /** RPL(2) RHL(1) TAR(3) CNTR(5) PCNTR(1) status(1). */
        private static final int MINIMUM = 13;

        static Layout read(byte[] userData) throws OtaException {
            UserDataHeader udh = UserDataHeader.read(userData);
            if (udh.has(UserDataHeader.COMMAND_PACKET)) {
                throw OtaException.malformed("the user data header has IEI 70: this is a command packet, not a"
                        + " proof of receipt");
            }
            UserDataHeader.Element rpi = udh.element(UserDataHeader.RESPONSE_PACKET).orElseThrow(() ->
                    OtaException.malformed("no response packet identifier (IEI 71) in the user data header"));
            if (rpi.data().length != 0) {
                throw OtaException.malformed("the response packet identifier (IEI 71) must be empty, it has "
                        + rpi.data().length + " octets");
            }
            if (udh.has(UserDataHeader.CONCATENATION) || udh.has(UserDataHeader.CONCATENATION_16)) {
                throw OtaException.unsupported("a concatenated proof of receipt: reassemble its parts first");
            }
            int rest = userData.length - udh.length();
            if (rest < MINIMUM) {
                throw OtaException.malformed("the response packet is " + rest + " octets after the user data"
                        + " header; RPL, RHL, TAR, CNTR, PCNTR and status take " + MINIMUM);
            }
            int rpl = CommandPacket.u16(userData, udh.length());
            if (rpl != rest - 2) {
                throw OtaException.malformed("RPL says " + rpl + " octets follow, " + (rest - 2) + " do");
            }
            int rhl = userData[udh.length() + 2] & 0xFF;
            if (rhl < BARE_HEADER) {
                throw OtaException.malformed("RHL " + rhl + " is below " + BARE_HEADER
                        + " (TAR, CNTR, PCNTR and status)");
            }
            if (1 + rhl > rpl) {
                throw OtaException.malformed("RHL " + rhl + " runs past the packet (RPL " + rpl + ")");
            }
            int checksumLength = rhl - BARE_HEADER;
            if (checksumLength != 0 && checksumLength != 4 && checksumLength != 8) {
                throw OtaException.unsupported("a " + checksumLength + "-octet RC/CC/DS: only a cryptographic"
                        + " checksum of 4 or 8 octets is verified");
            }
            return new Layout(userData, udh.length(), checksumLength);
        }

        /** UDH, RPL, RHL, TAR: never ciphered, always in the checksum. */
        byte[] header() {
            return Arrays.copyOf(userData, udhLength + 6);
        }

        byte[] tar() {
            return Arrays.copyOfRange(userData, udhLength + 3, udhLength + 6);
        }

        /** CNTR to the end: ciphered when the SPI asks. */
        byte[] secured() {
            return Arrays.copyOfRange(userData, udhLength + 6, userData.length);
        }
    }

    /**
     * The proof of receipt as {@code bin/tapbus ota por} prints it: status, number of commands, last status word and
     * last response data, in this order, spaced as the documented example (null when the PoR carries no response).
     */
    public String json() throws OtaException {
        Optional<RemoteResponse> response = remoteResponse();
        return "{\"status\": \"" + statusLabel() + "\", "
                + "\"numberOfCommands\": " + response.map(r -> String.valueOf(r.numberOfCommands())).orElse("null")
                + ", \"lastStatusWord\": " + response.map(r -> quoted(r.lastStatusWord())).orElse("null")
                + ", \"lastResponseData\": " + response.map(r -> quoted(r.lastResponseData())).orElse("null") + "}";
    }

    private static String quoted(byte[] bytes) {
        return "\"" + Hex.of(bytes) + "\"";
    }
}
