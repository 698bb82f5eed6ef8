package io.tapbus.runtime.bank;

import static io.tapbus.runtime.bank.BankBench.PAN;
import static io.tapbus.runtime.bank.BankBench.eventually;
import static io.tapbus.runtime.bank.BankBench.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.runtime.bank.BankResult.Outcome;
import io.tapbus.runtime.db.Database;
import io.tapbus.samples.bank.JournalEntry;
import io.tapbus.samples.bank.Mode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The gateway's SQL on a real PostgreSQL server (the other tests run on the embedded H2). */
class BankPostgresTest {

    @Test
    void answersReversalsLateAnswersAndStansOnPostgresql() throws Exception {
        Path dir = Path.of("target", "pg-bank-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dir);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
             BankBench bench = BankBench.on(new Database(postgres.getJdbcUrl("postgres", "postgres"), "postgres",
                     "postgres", 8))) {
            BankGateway gateway = bench.signedOnGateway(bench.settings(Duration.ofMillis(400)));

            assertThat(gateway.authorize(purchase("pg-ok", PAN, 100)).outcome()).isEqualTo(Outcome.APPROVED);
            assertThat(gateway.authorize(purchase("pg-ok", PAN, 100)).outcome()).as("replayed").isEqualTo(Outcome.APPROVED);
            assertThat(gateway.authorize(purchase("pg-big", PAN, 100_001)).responseCode()).isEqualTo("61");

            bench.mode(Mode.TIMEOUT);
            assertThat(gateway.authorize(purchase("pg-t", PAN, 200)).outcome()).isEqualTo(Outcome.TIMED_OUT);
            bench.mode(Mode.ANSWER);
            eventually(Duration.ofSeconds(10), () -> "ACKNOWLEDGED".equals(bench.reversalState("pg-t")), "reversed");

            bench.bank().behaviour().delayMillis(1000);
            assertThat(gateway.authorize(purchase("pg-late", PAN, 300)).outcome()).isEqualTo(Outcome.TIMED_OUT);
            eventually(Duration.ofSeconds(10), () -> "LATE_ANSWER".equals(bench.message("pg-late").get("state")), "late");
            eventually(Duration.ofSeconds(10), () -> "ACKNOWLEDGED".equals(bench.reversalState("pg-late")), "reversed");
            assertThat(bench.journal(JournalEntry.Kind.REVERSED)).hasSize(2);

            StanCounter counter = new StanCounter(bench.jdbi(), "wrap-test");
            bench.jdbi().useHandle(h -> h.execute("UPDATE bank_stan SET last_stan = 999999 WHERE link_id = 'wrap-test'"));
            assertThat(List.of(counter.next(), counter.next())).containsExactly("000001", "000002");
        }
    }
}
