package io.tapbus.runtime;

import io.tapbus.rules.RuleEngine;
import io.tapbus.runtime.broker.EmbeddedBroker;
import io.tapbus.runtime.db.Database;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness of what the bus stands on: the database, the embedded broker and the rule sets; the bank link as a detail. */
final class PlatformHealth extends AbstractHealthCheck {
    private final Database database;
    private final EmbeddedBroker broker;
    private final RuleEngine rules;
    private final io.tapbus.runtime.bank.BankGateway bank;
    private final java.util.function.Supplier<Map<String, String>> smscs;

    PlatformHealth(Database database, EmbeddedBroker broker, RuleEngine rules, io.tapbus.runtime.bank.BankGateway bank,
                   java.util.function.Supplier<Map<String, String>> smscs) {
        super("tapbus", "platform");
        this.database = database;
        this.broker = broker;
        this.rules = rules;
        this.bank = bank;
        this.smscs = smscs;
    }

    /** Further links shown as details, not required (the MMSC: mmsc.<name>, mmsc.reports). */
    private final java.util.List<java.util.function.Supplier<Map<String, String>>> more = new java.util.ArrayList<>();

    PlatformHealth alsoShow(java.util.function.Supplier<Map<String, String>> links) {
        more.add(links);
        return this;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        boolean db = database.isHealthy();
        boolean mq = broker == null || broker.isActive();
        boolean rulesOk = rules.status().healthy();
        builder.detail("database", db ? "UP" : "DOWN");
        builder.detail("broker", broker == null ? "external" : (mq ? "UP" : "DOWN"));
        builder.detail("rules", rulesOk ? "UP" : "DOWN");
        // the bank link is reported, not required: taps and stored-value payments go on without it
        builder.detail("bank", bank == null ? "disabled" : (bank.signedOn() ? "SIGNED_ON" : "DOWN"));
        if (bank != null) {
            builder.detail("bankPendingReversals", bank.pendingReversals());
        }
        // the SMSC links too: while none is bound, outgoing SMS wait in the outbox
        smscs.get().forEach((name, state) -> builder.detail("smsc." + name, state));
        more.forEach(links -> links.get().forEach(builder::detail));
        if (db && mq && rulesOk) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
