package io.tapbus.runtime.membership;

import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.platform.AuditLog;
import io.tapbus.runtime.write.StateTable;
import io.tapbus.runtime.write.WritePath;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * The programme registry: each loyalty or membership programme belongs to one retailer partner. The only writer of
 * {@code loyalty_programme}; a programme is created through the write path and held by it, so a merge checks the
 * programme against the writer's own state.
 */
public final class Programmes {
    /** A programme id: letters, digits, '.', '_' or '-', up to 64. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public record Programme(String programmeId, String partnerId, String name, String status, Instant createdAt) {}

    private final Jdbi jdbi;
    private final WritePath writes;
    private final AuditLog audit;
    private final StateTable<String, Programme> table;

    public Programmes(Jdbi jdbi, WritePath writes, AuditLog audit) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.audit = audit;
        this.table = new StateTable<>("loyalty_programme", jdbi,
                (h, id) -> h.createQuery("SELECT programme_id, partner_id, name, status, created_at FROM loyalty_programme"
                                + " WHERE programme_id = ?").bind(0, id)
                        .map((rs, ctx) -> new Programme(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getTimestamp(5).toInstant()))
                        .findOne().orElse(null),
                (batch, id, p, exists) -> {
                    if (exists) {
                        batch.stage("UPDATE loyalty_programme SET name = ?, status = ? WHERE programme_id = ?", p.name(),
                                p.status(), id);
                    } else {
                        batch.stage("INSERT INTO loyalty_programme(programme_id, partner_id, name, status, created_at)"
                                + " VALUES (?, ?, ?, ?, ?)", id, p.partnerId(), p.name(), p.status(), p.createdAt());
                    }
                });
    }

    /** Registers a programme of the partner (a retailer); a programme id already taken is a conflict. */
    public Programme create(String partnerId, String programmeId, String name, String actor) {
        if (programmeId == null || !ID.matcher(programmeId).matches()) {
            throw DomainError.invalid("programmeId must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw DomainError.invalid("name is required (at most 200 characters)");
        }
        Programme programme = new Programme(programmeId, partnerId, name.strip(), "ACTIVE", Instant.now());
        return writes.execute(batch -> {
            if (batch.state(table, programmeId) != null) {
                throw DomainError.conflict("programme " + programmeId + " exists already");
            }
            batch.put(table, programmeId, programme);
            audit.record(batch, actor, "programme.create", programmeId, "partner=" + partnerId);
            return programme;
        });
    }

    /** The programme as last made durable, or null. */
    public Programme find(String programmeId) {
        return programmeId == null ? null : table.read(programmeId);
    }

    /** The programme as the writer holds it (inside a write unit). */
    Programme inWriter(io.tapbus.runtime.write.Batch batch, String programmeId) {
        return batch.state(table, programmeId);
    }

    /** Every programme of a partner (for listings; reads the table). */
    public List<Programme> ofPartner(String partnerId) {
        writes.catchUp();
        return jdbi.withHandle(h -> h.createQuery("SELECT programme_id FROM loyalty_programme WHERE partner_id = ?"
                        + " ORDER BY programme_id").bind(0, partnerId).mapTo(String.class).list())
                .stream().map(this::find).toList();
    }
}
