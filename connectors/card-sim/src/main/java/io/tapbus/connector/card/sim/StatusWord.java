package io.tapbus.connector.card.sim;

/** ISO/IEC 7816-4 status words the TapBus card answers with. */
public final class StatusWord {

    public static final int OK = 0x9000;
    public static final int AUTHENTICATION_FAILED = 0x6300;
    public static final int WRONG_LENGTH = 0x6700;
    public static final int CONDITIONS_NOT_SATISFIED = 0x6985;
    public static final int WRONG_DATA = 0x6A80;
    public static final int FILE_NOT_FOUND = 0x6A82;
    public static final int RECORD_NOT_FOUND = 0x6A83;
    public static final int WRONG_P1_P2 = 0x6A86;
    public static final int DATA_NOT_FOUND = 0x6A88;
    public static final int INS_NOT_SUPPORTED = 0x6D00;
    public static final int CLA_NOT_SUPPORTED = 0x6E00;
    public static final int NO_PRECISE_DIAGNOSIS = 0x6F00;

    private StatusWord() {
    }

    static byte[] only(int sw) {
        return new byte[] {(byte) (sw >> 8), (byte) sw};
    }

    static byte[] withData(byte[] data, int sw) {
        byte[] out = java.util.Arrays.copyOf(data, data.length + 2);
        out[data.length] = (byte) (sw >> 8);
        out[data.length + 1] = (byte) sw;
        return out;
    }
}
