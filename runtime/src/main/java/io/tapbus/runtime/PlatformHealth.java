package io.tapbus.runtime;

import io.tapbus.rules.RuleEngine;
import io.tapbus.runtime.broker.EmbeddedBroker;
import io.tapbus.runtime.db.Database;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness of what the bus stands on: the database, the embedded broker and the rule sets. */
final class PlatformHealth extends AbstractHealthCheck {
    private final Database database;
    private final EmbeddedBroker broker;
    private final RuleEngine rules;

    PlatformHealth(Database database, EmbeddedBroker broker, RuleEngine rules) {
        super("tapbus", "platform");
        this.database = database;
        this.broker = broker;
        this.rules = rules;
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
        if (db && mq && rulesOk) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
