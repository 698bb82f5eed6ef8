package io.tapbus.connector.card;

import io.tapbus.connector.common.Hex;
import java.util.Optional;

/**
 * What card and reader agree on for the TapBus payment application: its AID, label, files and data objects.
 *
 * <p>The AID uses the proprietary RID range of ISO/IEC 7816-5 (first nibble F, no registration): {@code F0 54 41 50
 * 42 55 53 01} is F0 followed by "TAPBUS" in ASCII and version 01.
 */
public final class TapBusApplication {

    public static final byte[] AID = Hex.parse("F054415042555301");
    public static final String LABEL = "TapBus Pay";
    /** Card data: record 1 = 70 { 5A PAN, 5F24 expiry, 5F34 PSN }. */
    public static final int SFI_CARD_DATA = 1;
    /** Stored value: record 1 = 70 { DF51 balance, 4 bytes, minor units }. */
    public static final int SFI_BALANCE = 2;
    public static final int TAG_BALANCE = 0xDF51;
    /**
     * Tickets: records 1 to {@link #MAX_TICKETS}, each the signed ticket bytes as issued (docs/tickets.md "Ticket bytes"),
     * added with APPEND RECORD after an approving ARPC, read with READ RECORD (docs/tickets.md "Tickets on the card").
     */
    public static final int SFI_TICKETS = 3;
    public static final int MAX_TICKETS = 4;
    /** The longest ticket record: what a card write's {@code data} may carry (240 bytes). */
    public static final int MAX_TICKET_LENGTH = 240;
    public static final long MAX_BALANCE = 0xFFFF_FFFFL;
    /** 70 07 DF51 04 xx xx xx xx. */
    public static final int BALANCE_RECORD_LENGTH = 9;
    /** CSU byte 2 bit 8: the issuer approved the transaction (TapBus's use of the card status update). */
    public static final int CSU_APPROVED = 0x80;

    /** The authorisation response code (8A, an 2) that approves under ARPC method 1: "00" in ASCII, 30 30. */
    public static byte[] arcApproved() {
        return new byte[] {'0', '0'};
    }

    private TapBusApplication() {
    }

    public static byte[] balanceRecord(long balanceMinor) {
        if (balanceMinor < 0 || balanceMinor > MAX_BALANCE) {
            throw new IllegalArgumentException("a balance is 0 to " + MAX_BALANCE + " minor units");
        }
        byte[] value = {(byte) (balanceMinor >> 24), (byte) (balanceMinor >> 16), (byte) (balanceMinor >> 8),
                (byte) balanceMinor};
        return BerTlv.of(0x70, BerTlv.of(TAG_BALANCE, value));
    }

    /** The balance in a balance record, empty when the record is not one. */
    public static Optional<Long> balanceOf(byte[] record) {
        if (record.length != BALANCE_RECORD_LENGTH || record[0] != 0x70) {
            return Optional.empty();
        }
        return BerTlv.find(record, TAG_BALANCE).filter(v -> v.length == 4)
                .map(v -> ((v[0] & 0xFFL) << 24) | ((v[1] & 0xFFL) << 16) | ((v[2] & 0xFFL) << 8) | (v[3] & 0xFFL));
    }
}
