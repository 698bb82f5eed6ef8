package io.tapbus.runtime.phone;

import io.tapbus.connector.phone.IncomingListener;
import io.tapbus.connector.phone.LinkSettings;
import io.tapbus.connector.phone.SmscAccount;
import io.tapbus.connector.phone.SmscLink;
import io.tapbus.connector.phone.SubmitSettings;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.write.WritePath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMS side of the bus: one {@link SmscLink} per configured SMSC, the outbox ({@link SmsOutbox}), its sender and
 * its receipts. Built from the {@code tapbus.phone.*} and {@code tapbus.smsc.<name>.*} settings. The links bind in the
 * background: the bus starts whether or not an SMSC is there, and the outbox queues until one is.
 */
public final class PhoneChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneChannel.class);

    private final WritePath writes;
    private final Jdbi jdbi;
    private final SmsStore store;
    private final SmsIndex index = new SmsIndex();
    private final SmsOutbox outbox;
    private final SmsQueries queries;
    private final Map<String, SmscLink> links = new LinkedHashMap<>();
    private final SmsRouter router;
    private final Duration validity;
    private final RecentSubmits recent = new RecentSubmits();
    private final SmsSender sender;
    private final SmsForgetter forgetter;
    /** Who answers incoming texts once the bus's services exist; until then {@code incoming} (a log line). */
    private volatile IncomingListener answerer;
    /**
     * Who takes SIM data download messages (TP-PID 7F: OTA proofs of receipt). Until OTA is wired, one is answered
     * with a temporary error, so that the SMSC delivers it again rather than it being lost at start.
     */
    private volatile IncomingListener simData = new IncomingListener() {
        @Override
        public void onIncoming(io.tapbus.connector.phone.IncomingSms sms) {
        }

        @Override
        public void onSimData(io.tapbus.connector.phone.DeliverSmPdu pdu) {
            throw new IllegalStateException("a SIM data download message came before OTA was ready");
        }
    };

    /**
     * @param settings a lookup of settings (null when absent)
     * @param home     where relative paths of the routing files start
     */
    public PhoneChannel(Function<String, String> settings, Path home, Jdbi jdbi, WritePath writes, EventOutbox events,
            IncomingListener incoming) throws java.io.IOException {
        this.writes = writes;
        this.jdbi = jdbi;
        this.store = new SmsStore(jdbi);
        this.outbox = new SmsOutbox(events, store, index);
        this.queries = new SmsQueries(jdbi);
        this.validity = Duration.ofSeconds(Long.parseLong(value(settings, "tapbus.phone.validity-seconds", "86400")));
        SubmitSettings submit = SubmitSettings.from(value(settings, "tapbus.sms.source-address", "10690000"));
        Map<String, List<String>> routes = new LinkedHashMap<>();
        for (String name : names(value(settings, "tapbus.phone.smscs", ""))) {
            String prefix = "tapbus.smsc." + name + ".";
            SmscAccount account = SmscAccount.from(settings, prefix);
            links.put(name, new SmscLink(account, LinkSettings.from(settings, prefix), submit,
                    new SmsReceipts(name, writes, outbox, index, recent, queries),
                    new IncomingListener() {
                        @Override
                        public void onIncoming(io.tapbus.connector.phone.IncomingSms sms) {
                            (answerer != null ? answerer : incoming).onIncoming(sms);
                        }

                        @Override
                        public void onSimData(io.tapbus.connector.phone.DeliverSmPdu pdu) {
                            simData.onSimData(pdu);
                        }
                    }).useTls(io.tapbus.connector.phone.SmscTls.from(settings, prefix)));
        }
        // routes: tapbus.phone.route.<operator> = smsc, smsc ...; default: every SMSC in the order given
        routes.put(SmsRouter.DEFAULT, names(value(settings, "tapbus.phone.route.default",
                String.join(",", links.keySet()))));
        for (String operator : names(value(settings, "tapbus.phone.operators", ""))) {
            routes.put(operator, names(value(settings, "tapbus.phone.route." + operator,
                    String.join(",", routes.get(SmsRouter.DEFAULT)))));
        }
        routes.values().forEach(list -> list.forEach(n -> {
            if (!links.containsKey(n)) {
                throw new IllegalArgumentException("an SMS route names the SMSC '" + n + "', which tapbus.phone.smscs"
                        + " does not list");
            }
        }));
        this.router = new SmsRouter(SmsRouter.readTable(path(home, value(settings, "tapbus.phone.prefixes-file", ""))),
                SmsRouter.readTable(path(home, value(settings, "tapbus.phone.ported-file", ""))), routes);
        Map<String, Integer> windows = new LinkedHashMap<>();
        for (String name : links.keySet()) {
            windows.put(name, LinkSettings.from(settings, "tapbus.smsc." + name + ".").window());
        }
        this.sender = new SmsSender(store, index, outbox, writes, router, links, windows,
                Duration.ofMillis(Long.parseLong(value(settings, "tapbus.phone.poll-ms", "200"))), recent);
        index.onReady(sender::wake); // a part became QUEUED durably: the sender looks now, not at its next poll
        this.forgetter = new SmsForgetter(writes, outbox, index);
    }

    /**
     * Loads the open messages into the writer's memory and index (the journal was replayed before), marks the parts
     * a crash left SUBMITTING, then starts the links and the sender.
     */
    public PhoneChannel start() {
        List<OutboxMessage> open = store.loadOpen(jdbi);
        List<String> submitting = new ArrayList<>();
        for (OutboxMessage m : open) {
            for (OutboxMessage.Part p : m.parts()) {
                if (p.state() == PartState.QUEUED) {
                    index.ready(m.messageId(), p.partNo(), p.nextAttemptAt());
                } else if (p.state() == PartState.SUBMITTING) {
                    submitting.add(m.messageId());
                } else if (p.smscMessageId() != null) {
                    index.awaiting(p.smsc(), p.smscMessageId(), m.messageId(), p.partNo());
                }
            }
        }
        int unknown = writes.execute(b -> outbox.recoverAfterRestart(b, submitting.stream().distinct().toList()));
        if (unknown > 0) {
            LOG.warn("{} SMS part(s) were being submitted when the bus stopped: OUTCOME_UNKNOWN", unknown);
        }
        LOG.info("SMS outbox: {} open message(s) loaded, {} part(s) ready to send", open.size(), index.readyCount());
        links.values().forEach(SmscLink::start);
        sender.start();
        forgetter.start();
        LOG.info("SMS: {} SMSC link(s) {}", links.size(), links.keySet());
        return this;
    }

    /** Incoming texts go to {@code listener} from now on. */
    public void answerWith(IncomingListener listener) {
        this.answerer = listener;
    }

    /** SIM data download messages (TP-PID 7F, such as OTA proofs of receipt) go to {@code listener} from now on. */
    public void simDataTo(IncomingListener listener) {
        this.simData = listener;
    }

    /** The outbox, for services that queue their own messages inside their write units (OTA updates). */
    public SmsOutbox outbox() {
        return outbox;
    }

    /** Who answers incoming texts (null until {@link #answerWith}). */
    public IncomingListener answerer() {
        return answerer;
    }

    /** Queues a text for {@code msisdn}; durable when it returns. */
    public SmsOutbox.Queued send(String msisdn, String text, String correlation) {
        return send(msisdn, text, correlation, null);
    }

    /** As {@link #send(String, String, String)}, valid for {@code validFor} (null: the setting's validity). */
    public SmsOutbox.Queued send(String msisdn, String text, String correlation, Duration validFor) {
        Duration v = validFor == null ? validity : validFor;
        return writes.execute(b -> outbox.queue(b, msisdn, text, correlation, v)); // durable: the sender is woken
    }

    /** The sweeper: messages past their validity without a final receipt. Called by a timer route. */
    public int sweep() {
        writes.catchUp(); // the tables name the candidates; the writer decides on its own state
        Instant now = Instant.now();
        List<String> overdue = queries.overdue(now, 500);
        return overdue.isEmpty() ? 0 : writes.execute(b -> outbox.expireOverdue(b, overdue, now));
    }

    /**
     * The number a message goes to, unmasked (to find the phone app user of its {@code sms.state} events): from the
     * writer's memory while it holds the message, else from the table.
     */
    public java.util.Optional<String> recipient(String messageId) {
        OutboxMessage m = store.messages.peek(messageId);
        return m != null ? java.util.Optional.of(m.msisdn()) : queries.recipient(messageId);
    }

    public SmsQueries queries() {
        return queries;
    }

    public SmsRouter router() {
        return router;
    }

    /** Each SMSC by name: BOUND or DOWN (the health check's detail). */
    public Map<String, String> linkStates() {
        Map<String, String> states = new LinkedHashMap<>();
        links.forEach((name, link) -> states.put(name, link.isBound() ? "BOUND" : "DOWN"));
        return states;
    }

    @Override
    public void close() {
        forgetter.close();
        sender.close();
        links.values().forEach(SmscLink::close);
    }

    private static List<String> names(String list) {
        List<String> out = new ArrayList<>();
        Arrays.stream(list.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    private static String value(Function<String, String> settings, String key, String fallback) {
        String v = settings.apply(key);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    private static Path path(Path home, String file) {
        if (file.isEmpty()) {
            return null;
        }
        Path p = Path.of(file);
        return p.isAbsolute() ? p : home.resolve(p).normalize();
    }
}
