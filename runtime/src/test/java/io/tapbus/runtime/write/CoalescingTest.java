package io.tapbus.runtime.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which row writes the tables' follower may skip when a later one in the same transaction overwrites them. */
class CoalescingTest {
    private static final String PART = "UPDATE sms_part SET state = ?, updated_at = ? WHERE message_id = ? AND part_no = ?";
    private static final String BALANCE = "UPDATE account SET balance_minor = ? WHERE account_id = ?";

    private static Journal.Entry entry(long seq, Row... rows) {
        return new Journal.Entry(seq, List.of(rows));
    }

    private static Row row(String sql, Object... args) {
        return new Row(sql, args);
    }

    @Test
    void aPartMovedThreeTimesAcrossBatchesIsWrittenOnceWithItsLastState() {
        List<Row> kept = Coalescing.rows(List.of(
                entry(1, row("INSERT INTO sms_part(message_id, part_no, state) VALUES (?, ?, ?)", "M1", 1, "QUEUED"),
                        row(PART, "SUBMITTING", 1L, "M1", 1)),
                entry(2, row(PART, "SUBMITTING", 2L, "M1", 2), row(PART, "SUBMITTED", 3L, "M1", 1)),
                entry(3, row(PART, "DELIVERED", 4L, "M1", 1))));
        assertThat(kept).extracting(r -> r.args()[0]).containsExactly("M1", "SUBMITTING", "DELIVERED");
        assertThat(kept.get(1).args()).containsExactly("SUBMITTING", 2L, "M1", 2); // part 2 is another row: kept
    }

    @Test
    void insertsRelativeAndConditionalUpdatesAreAlwaysKeptInOrder() {
        String relative = "UPDATE account SET balance_minor = balance_minor + ? WHERE account_id = ?";
        String conditional = "UPDATE payment SET status = ? WHERE payment_id = ? AND status = ?";
        String guarded = "UPDATE reader SET last_sequence = ? WHERE reader_id = ? AND last_sequence < ?";
        List<Row> rows = List.of(row(relative, 5, "A"), row(conditional, "B", "P", "A"), row(guarded, 7, "R", 7),
                row("INSERT INTO line(id) VALUES (?)", "x"));
        List<Row> kept = Coalescing.rows(List.of(entry(1, rows.toArray(Row[]::new)), entry(2, rows.toArray(Row[]::new))));
        assertThat(kept).hasSize(8);
        assertThat(Coalescing.keyArgs(relative)).isZero();
        assertThat(Coalescing.keyArgs(conditional)).isZero(); // WHERE on a column it sets: a condition, not a key
        assertThat(Coalescing.keyArgs(guarded)).isZero();
        assertThat(Coalescing.keyArgs(PART)).isEqualTo(2);
    }

    @Test
    void withinOneBatchNothingIsDroppedAndAcrossBatchesOnlyTheSameKey() {
        List<Row> one = Coalescing.rows(List.of(entry(1, row(BALANCE, 10, "A"), row(BALANCE, 9, "A"))));
        assertThat(one).hasSize(2); // one batch is written as staged (the writer already wrote each key once)
        List<Row> two = Coalescing.rows(List.of(entry(1, row(BALANCE, 10, "A"), row(BALANCE, 50, "B")),
                entry(2, row(BALANCE, 8, "A"))));
        assertThat(two).extracting(r -> r.args()[0]).containsExactly(50, 8);
    }
}
