package io.tapbus.runtime.mms;

import io.tapbus.connector.phone.mm7.DeliveryReportReceiver;
import io.tapbus.connector.phone.mm7.Mm7Account;
import io.tapbus.connector.phone.mm7.Mm7Client;
import io.tapbus.connector.phone.mm7.TicketMms;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.write.Batch;
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
 * The MMS side of the bus: the outbox ({@link MmsOutbox}), its sender to the MMSCs of {@code tapbus.mms.mmscs}
 * (default: the one of {@code tapbus.mms.mmsc}; each one's account under {@code tapbus.mmsc.<name>.}) and one
 * {@link DeliveryReportReceiver} per MMSC for its delivery reports ({@code tapbus.mms.reports.*} for the default MMSC,
 * {@code tapbus.mmsc.<name>.reports.*} for the others). Each message goes to the MMSC of its number's operator
 * ({@code tapbus.mms.route.<operator>}, the operator by prefix and ported number as for SMS), else to the default
 * MMSC. The bus starts whether or not an MMSC is there: messages wait in the outbox, and a receiver port that cannot
 * be bound is logged and shown in the health check.
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
    /** The operator of a number, and the MMSC each operator's numbers go to (others: {@link #mmsc}). */
    private final Function<String, String> operatorOf;
    private final Map<String, String> routes = new LinkedHashMap<>();
    private final Map<String, DeliveryReportReceiver> receivers = new LinkedHashMap<>();
    private final Map<String, String> receiverStates = new LinkedHashMap<>();

    /**
     * @param settings   a lookup of settings (null when absent)
     * @param operatorOf the operator serving a number (as the SMS routes tell)
     */
    public MmsChannel(Function<String, String> settings, Jdbi jdbi, WritePath writes, EventOutbox events,
            Function<String, String> operatorOf) {
        this.settings = settings;
        this.operatorOf = operatorOf;
        this.writes = writes;
        this.outbox = new MmsOutbox(events);
        this.queries = new MmsQueries(jdbi);
        this.mmsc = value("tapbus.mms.mmsc", "");
        this.validity = Duration.ofSeconds(Long.parseLong(value("tapbus.mms.validity-seconds", "86400")));
        for (String name : names(value("tapbus.mms.mmscs", mmsc))) {
            clients.put(name, new Mm7Client(Mm7Account.from(settings, "tapbus.mmsc." + name + ".")));
        }
        if (!mmsc.isEmpty() && !clients.containsKey(mmsc)) {
            throw new IllegalArgumentException("tapbus.mms.mmsc '" + mmsc + "' is not among tapbus.mms.mmscs");
        }
        for (String operator : names(value("tapbus.phone.operators", ""))) {
            String to = value("tapbus.mms.route." + operator, "");
            if (!to.isEmpty() && !clients.containsKey(to)) {
                throw new IllegalArgumentException("tapbus.mms.route." + operator + " names the MMSC '" + to
                        + "', which tapbus.mms.mmscs does not list");
            }
            if (!to.isEmpty()) {
                routes.put(operator, to);
            }
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
        clients.keySet().forEach(this::listenForReports);
        sender.start();
        LOG.info("MMS: {}", mmsc.isEmpty() ? "no MMSC (tapbus.mms.mmsc is empty): MMS wait in the outbox"
                : "MMSC '" + mmsc + "' at " + clients.get(mmsc).account() + ", routes " + routes);
        return this;
    }

    /** The receiver of {@code name}'s delivery reports, when a port is set for it. */
    private void listenForReports(String name) {
        String prefix = name.equals(mmsc) ? "tapbus.mms.reports." : "tapbus.mmsc." + name + ".reports.";
        String port = value(prefix + "port", "");
        if (port.isEmpty()) {
            return;
        }
        String host = value(prefix + "host", value("tapbus.mms.reports.host", "127.0.0.1"));
        String path = value(prefix + "path", value("tapbus.mms.reports.path", "/mm7/reports"));
        String user = value(prefix + "username", value("tapbus.mms.reports.username", ""));
        try {
            DeliveryReportReceiver receiver = new DeliveryReportReceiver(host, Integer.parseInt(port), path,
                    user.isEmpty() ? null : user, value(prefix + "password", value("tapbus.mms.reports.password", "")),
                    new MmsReports(name, writes, outbox, sender));
            receivers.put(name, receiver);
            receiverStates.put(name, "LISTENING");
            LOG.info("MMS delivery reports of '{}' on http://{}:{}{}", name, host, receiver.port(), path);
        } catch (IOException | RuntimeException e) {
            receiverStates.put(name, "DOWN");
            LOG.warn("MMS delivery reports of '{}': cannot listen on {}:{} ({}); reports are not received", name, host,
                    port, e.getMessage());
        }
    }

    /**
     * Queues an e-ticket or coupon MMS for {@code msisdn}; durable when it returns. Throws
     * {@link IllegalArgumentException} for a number that is not E.164 or a payload no QR code holds.
     */
    public String queue(String kind, String msisdn, String subject, String text, String qrPayload,
            String correlation) {
        return writes.execute(b -> queue(b, kind, msisdn, subject, text, qrPayload, correlation));
    }

    /**
     * Queues the MMS in the caller's write unit, so it is durable with (and only with) what the unit records (a coupon,
     * a ticket); the sender is woken once the unit is durable. The same checks as {@link #queue(String, String, String,
     * String, String, String)}, made before anything is written.
     */
    public String queue(Batch batch, String kind, String msisdn, String subject, String text, String qrPayload,
            String correlation) {
        String number = msisdn.strip().startsWith("+") ? msisdn.strip() : "+" + msisdn.strip();
        String subj = subject == null || subject.isBlank() ? KINDS.get(kind) : subject;
        if (!number.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("msisdn is not an E.164 number");
        }
        TicketMms.parts(text, qrPayload); // drawn once now: a payload no QR code holds is refused before it is queued
        String to = routes.getOrDefault(operatorOf.apply(number), mmsc.isEmpty() ? "none" : mmsc);
        String id = outbox.queue(batch, kind, number, subj, text, qrPayload, correlation, to, validity);
        batch.afterDurable(sender::wakeUp);
        return id;
    }

    /** Who hears, in the same write unit, of a message the channel gave up on (see {@link MmsOutbox.GivenUp}). */
    public void onGivenUp(MmsOutbox.GivenUp listener) {
        outbox.onGivenUp(listener);
    }

    /** The sweeper: messages past their validity without a final delivery report. Called by a timer route. */
    public int sweep() {
        java.time.Instant now = java.time.Instant.now();
        if (!queries.anyOverdue(now, now.minus(validity))) { // the outbox's rows are written directly: never behind
            return 0;
        }
        return writes.execute(b -> outbox.expireOverdue(b, now, now.minus(validity)));
    }

    public MmsQueries queries() {
        return queries;
    }

    /** For the health check: the MMSC (UNKNOWN until the first exchange, UP, DOWN) and the report receiver. */
    public Map<String, String> linkStates() {
        Map<String, String> states = new LinkedHashMap<>();
        sender.linkStates().forEach((name, state) -> states.put("mmsc." + name, state));
        receiverStates.forEach((name, state) -> {
            DeliveryReportReceiver r = receivers.get(name);
            states.put(name.equals(mmsc) ? "mmsc.reports" : "mmsc." + name + ".reports",
                    r == null ? state : state + " :" + r.port());
        });
        return states;
    }

    /** The port the default MMSC's delivery reports are received on, or -1. */
    public int reportPort() {
        DeliveryReportReceiver r = receivers.get(mmsc);
        return r == null ? -1 : r.port();
    }

    @Override
    public void close() {
        receivers.values().forEach(DeliveryReportReceiver::close);
        sender.close();
    }

    private static java.util.List<String> names(String list) {
        return java.util.Arrays.stream(list.split("[,\\s]+")).map(String::strip).filter(n -> !n.isEmpty()).toList();
    }

    private String value(String key, String fallback) {
        String v = settings.apply(key);
        return v == null || v.isBlank() ? fallback : v.strip();
    }
}
