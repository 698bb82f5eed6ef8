package io.tapbus.connector.card.sim;

import io.tapbus.connector.card.TapBusApplication;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The simulated card's ticket file (SFI 3): up to {@link TapBusApplication#MAX_TICKETS} records, each the signed ticket
 * bytes as the issuer made them. Like the balance it lives in the card's EEPROM, so it survives taps. A ticket the file
 * holds already is not stored twice (a reader that retries a write after a lost answer gets 9000 again).
 */
final class TicketFile {
    /** ISO/IEC 7816-4: not enough memory space in the file. */
    static final int FILE_FULL = 0x6A84;

    private final List<byte[]> records = new ArrayList<>();

    /** APPEND RECORD: the status word. The caller has checked that the issuer allowed writes in this transaction. */
    byte[] append(byte[] ticket) {
        if (ticket.length == 0 || ticket.length > TapBusApplication.MAX_TICKET_LENGTH) {
            return StatusWord.only(StatusWord.WRONG_LENGTH);
        }
        for (byte[] held : records) {
            if (Arrays.equals(held, ticket)) {
                return StatusWord.only(StatusWord.OK);
            }
        }
        if (records.size() >= TapBusApplication.MAX_TICKETS) {
            return StatusWord.only(FILE_FULL);
        }
        records.add(ticket.clone());
        return StatusWord.only(StatusWord.OK);
    }

    /** READ RECORD n (1-based): the ticket, or 6A83 when there is no such record. */
    byte[] read(int record) {
        if (record < 1 || record > records.size()) {
            return StatusWord.only(StatusWord.RECORD_NOT_FOUND);
        }
        return StatusWord.withData(records.get(record - 1), StatusWord.OK);
    }

    List<byte[]> tickets() {
        return records.stream().map(byte[]::clone).toList();
    }
}
