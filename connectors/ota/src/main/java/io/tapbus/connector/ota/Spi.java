package io.tapbus.connector.ota;

import io.tapbus.connector.common.Hex;


/**
 * The two Security Parameter Indicator octets of a command packet (ETSI TS 102 225 clause 5.1.1, with the SMS bit of
 * 3GPP TS 31.115 clause 4.2): what the command carries (counter, ciphering, RC/CC/DS) and what the proof of receipt
 * shall carry.
 */
public record Spi(int first, int second) {

    /** First octet b5-b4: how the receiving entity checks the counter. */
    public enum CounterMode { NONE, NO_REPLAY_CHECK, HIGHER, ONE_HIGHER }

    /** b2-b1 of the first octet (command) and b4-b3 of the second (proof of receipt). */
    public enum Integrity { NONE, REDUNDANCY_CHECK, CRYPTOGRAPHIC_CHECKSUM, DIGITAL_SIGNATURE }

    /** Second octet b2-b1. */
    public enum PorRequest { NONE, ALWAYS, ON_ERROR, RESERVED }

    public Spi {
        if (first < 0 || first > 0xFF || second < 0 || second > 0xFF) {
            throw new IllegalArgumentException("an SPI octet is 00 to FF");
        }
        if ((first & 0xE0) != 0 || (second & 0xC0) != 0) {
            throw new IllegalArgumentException("SPI reserved bits (first octet b8-b6, second b8-b7) must be 0");
        }
    }

    /** Reads two octets, refusing set reserved bits (first octet b8-b6, second octet b8-b7). */
    public static Spi of(byte[] octets) throws OtaException {
        if (octets.length != 2) {
            throw OtaException.malformed("SPI must be 2 octets (4 hex digits), got " + octets.length);
        }
        if ((octets[0] & 0xE0) != 0) {
            throw OtaException.malformed("SPI " + Hex.of(octets) + ": bits 8-6 of the first octet are reserved and"
                    + " must be 0");
        }
        if ((octets[1] & 0xC0) != 0) {
            throw OtaException.malformed("SPI " + Hex.of(octets) + ": bits 8-7 of the second octet are reserved and"
                    + " must be 0");
        }
        return new Spi(octets[0] & 0xFF, octets[1] & 0xFF);
    }

    public CounterMode counterMode() {
        return CounterMode.values()[(first >> 3) & 3];
    }

    public boolean ciphered() {
        return (first & 0x04) != 0;
    }

    public Integrity integrity() {
        return Integrity.values()[first & 3];
    }

    public PorRequest porRequest() {
        return PorRequest.values()[second & 3];
    }

    public Integrity porIntegrity() {
        return Integrity.values()[(second >> 2) & 3];
    }

    public boolean porCiphered() {
        return (second & 0x10) != 0;
    }

    /** TS 31.115: the proof of receipt comes as an SMS-SUBMIT rather than in the SMS-DELIVER-REPORT. */
    public boolean porViaSmsSubmit() {
        return (second & 0x20) != 0;
    }

    public byte[] bytes() {
        return new byte[] {(byte) first, (byte) second};
    }

    @Override
    public String toString() {
        return Hex.of(bytes());
    }
}
