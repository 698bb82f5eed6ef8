package io.tapbus.runtime.mms;

import io.tapbus.connector.phone.mm7.DeliveryReportReceiver;
import io.tapbus.connector.phone.mm7.Mm7Account;
import io.tapbus.connector.phone.mm7.Mm7Client;
import io.tapbus.connector.phone.mm7.TicketMms;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.write.WritePath;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MMS side of the bus: the outbox ({@link MmsOutbox}), its sender to the MMSC named by {@code tapbus.mms.mmsc}
 * (account under {@code tapbus.mmsc.<name>.}) and one {@link DeliveryReportReceiver} for its delivery reports
 * ({@code tapbus.mms.reports.*}). The bus starts whether or not the MMSC is there: messages wait in the outbox, and a
 * receiver port that cannot be bound is logged and shown in the health check.
 */
public final class MmsChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MmsChannel.class);

    /** Kinds of MMS the bus sends, and the subject each gets when none is given. */
    public static final Map<String, String> KINDS = Map.of("TICKET", "Your ticket", "COUPON", "Your coupon");

    private final WritePath writes;
    private final MmsOutbox outbox;
    private final MmsQueries queries;
    private final String mmsc;
    private final Map<String, Mm7Client> clients = new LinkedHashMap<>();
    private final MmsSender sender;
    private final Function<String, String> settings;
    /** How long a message waits for its delivery report ({@code tapbus.mms.validity-seconds}). */
    private final Duration validity;
    private DeliveryReportReceiver receiver;
    private String receiverState = "disabled";

    /** @param settings a lookup of settings (null when absent) */
    public MmsChannel(Function<String, String> settings, Jdbi jdbi, WritePath writes, EventOutbox events) {
        this.settings = settings;
        this.writes = writes;
        this.outbox = new MmsOutbox(events);
        this.queries = new MmsQueries(jdbi);
        this.mmsc = value("tapbus.mms.mmsc", "");
        this.validity = Duration.ofSeconds(Long.parseLong(value("tapbus.mms.validity-seconds", "86400")));
        if (!mmsc.isEmpty()) {
            clients.put(mmsc, new Mm7Client(Mm7Account.from(settings, "tapbus.mmsc." + mmsc + ".")));
        }
        this.sender = new MmsSender(queries, outbox, writes, clients,
                Duration.ofMillis(Long.parseLong(value("tapbus.mms.poll-ms", "200"))),
                Duration.ofMillis(Long.parseLong(value("tapbus.mms.retry-first-ms", "1000"))),
                Duration.ofMillis(Long.parseLong(value("tapbus.mms.retry-max-ms", "60000"))),
                Integer.parseInt(value("tapbus.mms.max-attempts", "8")));
    }

    /** Marks the messages a crash left SUBMITTING, then opens the report receiver and starts the sender. */
    public MmsChannel start() {
        int unknown = writes.execute(outbox::recoverAfterRestart);
        if (unknown > 0) {
            LOG.warn("{} MMS were being submitted when the bus stopped: OUTCOME_UNKNOWN", unknown);
        }
        String port = value("tapbus.mms.reports.port", "");
        if (!mmsc.isEmpty() && !port.isEmpty()) {
            String host = value("tapbus.mms.reports.host", "127.0.0.1");
            String user = value("tapbus.mms.reports.username", "");
            try {
                receiver = new DeliveryReportReceiver(host, Integer.parseInt(port),
                        value("tapbus.mms.reports.path", "/mm7/reports"), user.isEmpty() ? null : user,
                        value("tapbus.mms.reports.password", ""), new MmsReports(mmsc, writes, outbox, sender));
                receiverState = "LISTENING";
                LOG.info("MMS delivery reports on http://{}:{}{}", host, receiver.port(),
                        value("tapbus.mms.reports.path", "/mm7/reports"));
            } catch (IOException | RuntimeException e) {
                receiverState = "DOWN";
                LOG.warn("MMS delivery reports: cannot listen on {}:{} ({}); reports are not received", host, port,
                        e.getMessage());
            }
        }
        sender.start();
        LOG.info("MMS: {}", mmsc.isEmpty() ? "no MMSC (tapbus.mms.mmsc is empty): MMS wait in the outbox"
                : "MMSC '" + mmsc + "' at " + clients.get(mmsc).account());
        return this;
    }

    /**
     * Queues an e-ticket or coupon MMS for {@code msisdn}; durable when it returns. Throws
     * {@link IllegalArgumentException} for a number that is not E.164 or a payload no QR code holds.
     */
    public String queue(String kind, String msisdn, String subject, String text, String qrPayload,
            String correlation) {
        String number = msisdn.strip().startsWith("+") ? msisdn.strip() : "+" + msisdn.strip();
        String subj = subject == null || subject.isBlank() ? KINDS.get(kind) : subject;
        if (!number.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("msisdn is not an E.164 number");
        }
        TicketMms.parts(text, qrPayload); // drawn once now: a payload no QR code holds is refused before it is queued
        String id = writes.execute(b -> outbox.queue(b, kind, number, subj, text, qrPayload, correlation,
                mmsc.isEmpty() ? "none" : mmsc, validity));
        sender.wakeUp();
        return id;
    }

    /** The sweeper: messages past their validity without a final delivery report. Called by a timer route. */
    public int sweep() {
        java.time.Instant now = java.time.Instant.now();
        return writes.execute(b -> outbox.expireOverdue(b, now, now.minus(validity)));
    }

    public MmsQueries queries() {
        return queries;
    }

    /** For the health check: the MMSC (UNKNOWN until the first exchange, UP, DOWN) and the report receiver. */
    public Map<String, String> linkStates() {
        Map<String, String> states = new LinkedHashMap<>();
        sender.linkStates().forEach((name, state) -> states.put("mmsc." + name, state));
        if (!mmsc.isEmpty()) {
            states.put("mmsc.reports", receiver == null ? receiverState : receiverState + " :" + receiver.port());
        }
        return states;
    }

    /** The port delivery reports are received on, or -1. */
    public int reportPort() {
        return receiver == null ? -1 : receiver.port();
    }

    @Override
    public void close() {
        if (receiver != null) {
            receiver.close();
        }
        sender.close();
    }

    private String value(String key, String fallback) {
        String v = settings.apply(key);
        return v == null || v.isBlank() ? fallback : v.strip();
    }
}
