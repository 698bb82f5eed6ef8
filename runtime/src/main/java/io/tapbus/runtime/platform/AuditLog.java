package io.tapbus.runtime.platform;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Every administrative change, who made it and when. Written in the same transaction as the change. */
public final class AuditLog {
    private final Jdbi jdbi;

    public AuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records in a transaction of its own. */
    public void record(String actor, String action, String target, String details) {
        jdbi.useHandle(h -> record(h, actor, action, target, details));
    }

    public void record(Handle h, String actor, String action, String target, String details) {
        h.createUpdate("INSERT INTO audit_log(actor, action, target, details, at) VALUES (?, ?, ?, ?, ?)")
                .bind(0, actor).bind(1, action).bind(2, target).bind(3, details).bind(4, Instant.now())
                .execute();
    }

    /** Records inside a write unit: the row is stored with the change it reports, or not at all. */
    public void record(io.tapbus.runtime.write.Batch batch, String actor, String action, String target, String details) {
        batch.stage("INSERT INTO audit_log(actor, action, target, details, at) VALUES (?, ?, ?, ?, ?)", actor, action, target,
                details, Instant.now());
    }

    public List<Map<String, Object>> recent(int limit) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT audit_id, actor, action, target, details, at FROM audit_log ORDER BY audit_id DESC LIMIT :n")
                .bind("n", Math.min(Math.max(limit, 1), 500))
                .mapToMap().list());
    }
}
