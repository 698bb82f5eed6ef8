package io.tapbus.connector.tag;

/**
 * The cipher an NTAG 424 DNA uses for Secure Dynamic Messaging. AES is the factory default; LRP (NXP's Leakage
 * Resilient Primitive on top of AES) is switched on permanently with SetConfiguration and changes the size of the
 * encrypted PICCData from 16 to 24 bytes.
 */
public enum SunMode {

    /** AES-128: PICCData is one AES block, session keys and MACs use AES-CMAC. */
    AES(16),

    /** LRP: PICCData is an 8-byte PICCRand followed by one LRICB block; MACs use CMAC_LRP. */
    LRP(24);

    private final int piccDataLength;

    SunMode(int piccDataLength) {
        this.piccDataLength = piccDataLength;
    }

    /** Length in bytes of the encrypted PICCData (twice that in hex digits in the URL). */
    public int piccDataLength() {
        return piccDataLength;
    }

    /** Parses {@code aes} or {@code lrp} (any case). */
    public static SunMode parse(String text) throws SunException {
        if (text != null) {
            for (SunMode mode : values()) {
                if (mode.name().equalsIgnoreCase(text.strip())) {
                    return mode;
                }
            }
        }
        throw new SunException("mode must be aes or lrp, got '" + text + "'");
    }
}
