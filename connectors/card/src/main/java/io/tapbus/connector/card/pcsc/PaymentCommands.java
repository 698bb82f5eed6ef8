package io.tapbus.connector.card.pcsc;

import io.tapbus.connector.card.TapBusApplication;
import io.tapbus.connector.card.TransactionData;
import javax.smartcardio.CommandAPDU;

/** The command APDUs of a TapBus payment, as the reader sends them. */
final class PaymentCommands {

    private static final int NE_ANY = 256;

    private PaymentCommands() {
    }

    static CommandAPDU selectTapBus() {
        return new CommandAPDU(0x00, 0xA4, 0x04, 0x00, TapBusApplication.AID, NE_ANY);
    }

    static CommandAPDU getProcessingOptions() {
        return new CommandAPDU(0x80, 0xA8, 0x00, 0x00, new byte[] {(byte) 0x83, 0x00}, NE_ANY);
    }

    static CommandAPDU readRecord(int sfi, int record) {
        return new CommandAPDU(0x00, 0xB2, record, (sfi << 3) | 0x04, NE_ANY);
    }

    /** First GENERATE AC asking for an ARQC (P1 = 80). */
    static CommandAPDU generateArqc(TransactionData data) {
        return new CommandAPDU(0x80, 0xAE, 0x80, 0x00, data.cdol1(), NE_ANY);
    }

    static CommandAPDU externalAuthenticate(byte[] issuerAuthenticationData) {
        return new CommandAPDU(0x00, 0x82, 0x00, 0x00, issuerAuthenticationData);
    }

    static CommandAPDU updateBalance(long balanceMinor) {
        return new CommandAPDU(0x00, 0xDC, 0x01, (TapBusApplication.SFI_BALANCE << 3) | 0x04,
                TapBusApplication.balanceRecord(balanceMinor));
    }

    /** APPEND RECORD of a ticket to the ticket file (P2 = SFI << 3: the current EF is not used). */
    static CommandAPDU appendTicket(byte[] ticket) {
        return new CommandAPDU(0x00, 0xE2, 0x00, TapBusApplication.SFI_TICKETS << 3, ticket);
    }
}
