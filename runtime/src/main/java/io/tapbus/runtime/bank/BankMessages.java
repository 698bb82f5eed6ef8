package io.tapbus.runtime.bank;

import io.tapbus.connector.bank.Iso8583Message;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.TreeMap;

/** Builds the messages the gateway sends: requests, reversals and network management. The layout of each in one place. */
final class BankMessages {

    static final String SIGN_ON = "001";
    static final String ECHO = "301";
    /** Point of service entry mode: contactless chip (07), terminal can accept PINs (1). */
    static final String ENTRY_MODE_CONTACTLESS = "071";
    static final String CONDITION_NORMAL = "00";

    private static final DateTimeFormatter TRANSMISSION = DateTimeFormatter.ofPattern("MMddHHmmss");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter LOCAL_DATE = DateTimeFormatter.ofPattern("MMdd");

    private final BankSettings settings;
    private final ZoneId zone;

    BankMessages(BankSettings settings, ZoneId zone) {
        this.settings = settings;
        this.zone = zone;
    }

    /** Field 7, transmission date and time, in UTC as ISO 8583 has it. */
    static String transmissionTime(Instant at) {
        return TRANSMISSION.format(at.atOffset(ZoneOffset.UTC));
    }

    /**
     * Field 37: last digit of the year, day of the year, hour (local) and the STAN, 12 digits. Unique while the STAN
     * does not wrap within an hour (a million messages an hour).
     */
    String retrievalReference(Instant at, String stan) {
        ZonedDateTime local = at.atZone(zone);
        return String.format("%d%03d%02d%s", local.getYear() % 10, local.getDayOfYear(), local.getHour(), stan);
    }

    Iso8583Message request(BankRequest request, String stan, String rrn, String transmissionTime, Instant at) {
        TreeMap<Integer, String> f = new TreeMap<>();
        f.put(2, request.pan());
        f.put(3, request.kind().processingCode());
        f.put(4, String.format("%012d", request.amountMinor()));
        f.put(7, transmissionTime);
        f.put(11, stan);
        putLocalTime(f, at);
        if (request.expiry() != null) {
            f.put(14, request.expiry());
        }
        f.put(22, ENTRY_MODE_CONTACTLESS);
        if (request.panSequenceNumber() != null) {
            f.put(23, String.format("%03d", Integer.parseInt(request.panSequenceNumber())));
        }
        f.put(25, CONDITION_NORMAL);
        f.put(32, settings.acquirerId());
        f.put(37, rrn);
        f.put(41, settings.bankTerminalId(request.terminalId()));
        f.put(42, merchantField(request.merchantId()));
        f.put(49, request.currency());
        if (request.iccData() != null) {
            f.put(55, request.iccData());
        }
        return Iso8583Message.of(request.kind().mti(), f);
    }

    static String merchantField(String merchantId) {
        return String.format("%-15s", merchantId);
    }

    /**
     * A reversal of a recorded request: 0400 the first time, 0401 for repeats, with field 90 naming the original
     * (MTI, STAN, transmission time, acquirer; no forwarding institution). No PAN: the gateway never stores it, and the
     * original data elements identify the transaction.
     */
    Iso8583Message reversal(ReversalJournal.Due due, boolean repeat, Instant at) {
        TreeMap<Integer, String> f = new TreeMap<>();
        f.put(3, due.processingCode());
        f.put(4, String.format("%012d", due.amountMinor()));
        f.put(7, transmissionTime(at));
        f.put(11, due.reversalStan());
        putLocalTime(f, at);
        f.put(32, settings.acquirerId());
        f.put(37, due.rrn());
        f.put(41, due.terminalId());
        f.put(42, due.merchantId());
        f.put(49, due.currency());
        f.put(90, due.originalMti() + due.originalStan() + due.originalTransmissionTime()
                + String.format("%011d", Long.parseLong(settings.acquirerId())) + "0".repeat(11));
        return Iso8583Message.of(repeat ? "0401" : "0400", f);
    }

    Iso8583Message network(String code, String stan, Instant at) {
        TreeMap<Integer, String> f = new TreeMap<>();
        f.put(7, transmissionTime(at));
        f.put(11, stan);
        f.put(70, code);
        return Iso8583Message.of("0800", f);
    }

    private void putLocalTime(TreeMap<Integer, String> f, Instant at) {
        ZonedDateTime local = at.atZone(zone);
        f.put(12, LOCAL_TIME.format(local));
        f.put(13, LOCAL_DATE.format(local));
    }
}
