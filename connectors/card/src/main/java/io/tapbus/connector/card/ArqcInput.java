package io.tapbus.connector.card;

import io.tapbus.connector.common.Hex;
import java.util.Arrays;

/**
 * Everything the card MACs for an ARQC: the CDOL1 data from the terminal, then the card's AIP (82), ATC (9F36) and
 * issuer application data (9F10), as in Visa CVN 18 and the EMV Book 2 recommended minimum set.
 */
public record ArqcInput(byte[] cdol1, byte[] aip, int atc, byte[] issuerApplicationData) {

    public ArqcInput {
        if (aip.length != 2) {
            throw new IllegalArgumentException("the AIP is 2 bytes");
        }
        EmvKeyDerivation.checkAtc(atc);
        cdol1 = cdol1.clone();
        aip = aip.clone();
        issuerApplicationData = issuerApplicationData.clone();
    }

    public static ArqcInput of(TransactionData terminal, byte[] aip, int atc, byte[] issuerApplicationData) {
        return new ArqcInput(terminal.cdol1(), aip, atc, issuerApplicationData);
    }

    public byte[] bytes() {
        byte[] out = new byte[cdol1.length + 4 + issuerApplicationData.length];
        System.arraycopy(cdol1, 0, out, 0, cdol1.length);
        System.arraycopy(aip, 0, out, cdol1.length, 2);
        out[cdol1.length + 2] = (byte) (atc >> 8);
        out[cdol1.length + 3] = (byte) atc;
        System.arraycopy(issuerApplicationData, 0, out, cdol1.length + 4, issuerApplicationData.length);
        return out;
    }

    @Override
    public byte[] cdol1() {
        return cdol1.clone();
    }

    @Override
    public byte[] aip() {
        return aip.clone();
    }

    @Override
    public byte[] issuerApplicationData() {
        return issuerApplicationData.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ArqcInput that && Arrays.equals(bytes(), that.bytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes());
    }

    @Override
    public String toString() {
        return "ArqcInput[" + Hex.of(bytes()) + "]";
    }
}
