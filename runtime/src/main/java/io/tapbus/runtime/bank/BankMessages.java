package io.tapbus.runtime.bank;

import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.bank.session.TimeFields;
import java.time.Instant;
import java.time.ZoneId;
import java.util.TreeMap;

/**
 * Builds the business messages the gateway sends from the payment's data and the settings: requests and reversals,
 * the layout of each in one place. Network management and the time fields are the session's
 * ({@code io.tapbus.connector.bank.session}).
 */
final class BankMessages {

    /** Point of service entry mode: contactless chip (07), terminal can accept PINs (1). */
    static final String ENTRY_MODE_CONTACTLESS = "071";
    static final String CONDITION_NORMAL = "00";

    private final BankSettings settings;
    private final ZoneId zone;

    BankMessages(BankSettings settings, ZoneId zone) {
        this.settings = settings;
        this.zone = zone;
    }

    /** Field 37 of a request sent now with this STAN, in the acceptor's time zone. */
    String retrievalReference(Instant at, String stan) {
        return TimeFields.retrievalReference(at, zone, stan);
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
        f.put(7, TimeFields.transmissionTime(at));
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
        f.put(7, TimeFields.transmissionTime(at));
        f.put(11, stan);
        f.put(70, code);
        return Iso8583Message.of("0800", f);
    }

    private void putLocalTime(TreeMap<Integer, String> f, Instant at) {
        f.put(12, TimeFields.localTime(at, zone));
        f.put(13, TimeFields.localDate(at, zone));
    }
}
