package io.tapbus.samples.bank;

import io.tapbus.connector.bank.Iso8583Matching;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.bank.ResponseCodes;
import io.tapbus.connector.common.Masking;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated bank's decisions: what it answers to each request, and what it writes in the journal. No I/O here;
 * {@link BankServerHandler} decides when (and whether) the answer goes out.
 */
public final class BankHost {

    static final String APPROVED = ResponseCodes.APPROVED;
    static final String UNKNOWN_ORIGINAL = ResponseCodes.NO_ORIGINAL;
    static final String INVALID_TRANSACTION = ResponseCodes.INVALID_TRANSACTION;
    static final String CURRENCY_CNY = "156";

    /** Fields a response repeats from its request (the PAN included, as hosts do; logs mask it). */
    private static final List<Integer> ECHOED = List.of(2, 3, 4, 7, 11, 12, 13, 32, 37, 41, 42, 49, 70, 90);
    private static final List<String> NETWORK_CODES = List.of("001", "002", "301");

    private final HostRules rules;
    private final Journal journal;
    private final AtomicLong authCodes = new AtomicLong();
    private final AtomicLong referenceNumbers = new AtomicLong();

    public BankHost(HostRules rules, Journal journal) {
        this.rules = rules;
        this.journal = journal;
    }

    /** The answer to a request; empty for what is not a request (a response sent to the host is ignored). */
    public Optional<Iso8583Message> answer(Iso8583Message request) {
        return switch (request.mti()) {
            case "0800" -> Optional.of(networkManagement(request));
            case "0100", "0200" -> Optional.of(authorize(request));
            case "0400", "0401" -> Optional.of(reverse(request));
            default -> Optional.empty();
        };
    }

    private Iso8583Message networkManagement(Iso8583Message request) {
        String code = NETWORK_CODES.contains(request.field(70)) ? APPROVED : INVALID_TRANSACTION;
        record(JournalEntry.Kind.NETWORK, request, Iso8583Matching.stanKey(request).orElse(null), null, code);
        return response(request).with(39, code);
    }

    private Iso8583Message authorize(Iso8583Message request) {
        Iso8583Message response = response(request);
        String stanKey = Iso8583Matching.stanKey(request).orElse(null);
        boolean balanceInquiry = request.mti().equals("0100") && startsWith(request.field(3), "31");
        String declineCode = declineCode(request, balanceInquiry);
        String rrn = request.has(37) ? request.field(37) : String.format("%012d", referenceNumbers.incrementAndGet());
        if (declineCode != null) {
            record(JournalEntry.Kind.DECLINED, request, stanKey, rrn, declineCode);
            return response.with(37, rrn).with(39, declineCode);
        }
        response = response.with(37, rrn).with(38, String.format("%06d", authCodes.incrementAndGet() % 1_000_000))
                .with(39, APPROVED);
        if (balanceInquiry) {
            record(JournalEntry.Kind.BALANCE, request, stanKey, rrn, APPROVED);
            return response.with(54, availableBalance(request));
        }
        record(JournalEntry.Kind.APPROVED, request, stanKey, rrn, APPROVED);
        return response;
    }

    private String declineCode(Iso8583Message request, boolean balanceInquiry) {
        if (request.has(2) && rules.declinedPans().contains(request.field(2))) {
            return rules.declinedCardCode();
        }
        if (!balanceInquiry && amount(request) > rules.amountLimit()) {
            return rules.overLimitCode();
        }
        return null;
    }

    private Iso8583Message reverse(Iso8583Message request) {
        String originalKey = Iso8583Matching.originalStanKey(request).orElse(null);
        Journal.Reversal outcome = journal.reverse(originalKey);
        String code = outcome == Journal.Reversal.UNKNOWN ? UNKNOWN_ORIGINAL : APPROVED;
        JournalEntry.Kind kind = switch (outcome) {
            case REVERSED -> JournalEntry.Kind.REVERSED;
            case ALREADY_REVERSED -> JournalEntry.Kind.REVERSAL_REPEATED;
            case UNKNOWN -> JournalEntry.Kind.REVERSAL_UNKNOWN;
        };
        record(kind, request, originalKey, request.field(37), code);
        return response(request).with(39, code);
    }

    /** ISO 8583:1987 additional amount: account type 00, amount type 02 (available), currency, C, 12 digits. */
    private String availableBalance(Iso8583Message request) {
        String currency = request.has(49) ? request.field(49) : CURRENCY_CNY;
        return "00" + "02" + currency + "C" + String.format("%012d", rules.balance());
    }

    private static Iso8583Message response(Iso8583Message request) {
        Iso8583Message response = Iso8583Message.of(Iso8583Matching.responseMti(request.mti()).orElseThrow());
        for (int field : ECHOED) {
            if (request.has(field)) {
                response = response.with(field, request.field(field));
            }
        }
        return response;
    }

    private void record(JournalEntry.Kind kind, Iso8583Message request, String stanKey, String rrn, String code) {
        journal.add(new JournalEntry(kind, request.mti(), stanKey, rrn, request.field(4),
                Masking.pan(request.field(2)), code, Instant.now()));
    }

    private static long amount(Iso8583Message request) {
        return request.has(4) ? Long.parseLong(request.field(4)) : 0;
    }

    private static boolean startsWith(String value, String prefix) {
        return value != null && value.startsWith(prefix);
    }
}
