package io.tapbus.connector.card.pcsc;

import io.tapbus.connector.card.ArqcInput;
import io.tapbus.connector.card.BerTlv;
import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.Dol;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.common.Hex;
import io.tapbus.connector.common.Masking;
import java.io.ByteArrayOutputStream;

/**
 * What a tap of a TapBus card yields for the issuer: the card (PAN and PSN), its expiry (YYMMDD), the ATC, the
 * cryptogram with its information data (CID) and issuer application data (IAD), the AIP, and the terminal data the
 * card MACed. {@link #arqcInput()} rebuilds the exact bytes the issuer verifies. {@code toString} masks the PAN.
 */
public record CardTap(CardId card, String expiry, int atc, byte[] arqc, int cid, byte[] issuerApplicationData,
        byte[] aip, TransactionData transactionData) {

    public static final int CID_ARQC = 0x80;

    public CardTap {
        arqc = arqc.clone();
        issuerApplicationData = issuerApplicationData.clone();
        aip = aip.clone();
    }

    public ArqcInput arqcInput() {
        return ArqcInput.of(transactionData, aip, atc, issuerApplicationData);
    }

    /**
     * The ICC data a terminal sends in ISO 8583 field 55: the cryptogram (9F26), CID (9F27), IAD (9F10), ATC (9F36),
     * AIP (82) and the terminal data of CDOL1, each as its own TLV ({@link Dol#TAPBUS_CDOL1}).
     */
    public byte[] iccData() {
        ByteArrayOutputStream tlv = new ByteArrayOutputStream();
        tlv.writeBytes(BerTlv.of(0x9F26, arqc));
        tlv.writeBytes(BerTlv.of(0x9F27, new byte[] {(byte) cid}));
        tlv.writeBytes(BerTlv.of(0x9F10, issuerApplicationData));
        tlv.writeBytes(BerTlv.of(0x9F36, new byte[] {(byte) (atc >> 8), (byte) atc}));
        tlv.writeBytes(BerTlv.of(0x82, aip));
        Dol.TAPBUS_CDOL1.split(transactionData.cdol1()).forEach((tag, value) -> tlv.writeBytes(BerTlv.of(tag, value)));
        return tlv.toByteArray();
    }

    /** Whether the card asked to go online (an ARQC) rather than declining offline (an AAC). */
    public boolean isArqc() {
        return (cid & 0xC0) == CID_ARQC;
    }

    @Override
    public byte[] arqc() {
        return arqc.clone();
    }

    @Override
    public byte[] issuerApplicationData() {
        return issuerApplicationData.clone();
    }

    @Override
    public byte[] aip() {
        return aip.clone();
    }

    @Override
    public String toString() {
        return "CardTap[pan=" + Masking.pan(card.pan()) + ", psn=" + card.psn() + ", expiry=" + expiry + ", atc="
                + String.format("%04X", atc) + ", cid=" + String.format("%02X", cid) + ", arqc=" + Hex.of(arqc)
                + ", iad=" + Hex.of(issuerApplicationData) + ", " + transactionData + "]";
    }
}
