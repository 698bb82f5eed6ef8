package io.tapbus.runtime.tickets;

import io.tapbus.runtime.write.WritePath;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The tickets of a universal card (delivered to it, or paid from its account) that a gate may still let through: ISSUED,
 * not yet ended (valid now or later), with a use left. The table names the tickets once the write path has caught up; each
 * ticket's status and uses left are the writer's own values, the ones a gate decides on.
 */
public final class CardTickets {
    private final Jdbi jdbi;
    private final WritePath writes;
    private final TicketBook book;

    public CardTickets(Jdbi jdbi, WritePath writes, TicketBook book) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.book = book;
    }

    /** Valid tickets of the card, the soonest to end first. {@code accountId} may be null. */
    public List<TicketState> validOf(String cardUid, String accountId) {
        writes.catchUp();
        List<String> ids = jdbi.withHandle(h -> h.createQuery("SELECT ticket_id FROM ticket WHERE card_uid = ? OR account_id = ?")
                .bind(0, cardUid).bind(1, accountId == null ? "" : accountId).mapTo(String.class).list());
        Instant now = Instant.now();
        return ids.stream().map(book::find).flatMap(Optional::stream).filter(t -> valid(t, now))
                .sorted(Comparator.comparing(TicketState::validUntil).thenComparing(TicketState::ticketId)).toList();
    }

    static boolean valid(TicketState t, Instant now) {
        return TicketState.ISSUED.equals(t.status()) && now.isBefore(t.validUntil())
                && t.usesLeft() != 0;
    }
}
