package io.tapbus.connector.ota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both stores follow the same counter rules; the file store also keeps them across restarts. */
class OtaCounterStoreTest {

    private static final CardKeySet CARD = new CardKeySet("8988211000000467285", 3);
    private static final CardKeySet OTHER_KEY_SET = new CardKeySet("8988211000000467285", 2);

    @TempDir
    Path dir;

    private void followsTheCounterRules(Supplier<OtaCounterStore> stores) throws Exception {
        OtaCounterStore store = stores.get();
        assertThat(store.last(CARD)).isEmpty();
        assertThat(store.next(CARD)).isEqualTo(1);
        assertThat(store.next(CARD)).isEqualTo(2);
        assertThat(store.next(OTHER_KEY_SET)).as("each key set counts on its own").isEqualTo(1);
        store.claim(CARD, 0x100);
        assertThat(store.next(CARD)).isEqualTo(0x101);
        assertThat(store.last(CARD)).hasValue(0x101);
        for (long used : new long[] {0x101, 0x100, 2, 0}) {
            assertThatThrownBy(() -> store.claim(CARD, used))
                    .isInstanceOfSatisfying(OtaException.class, e -> assertThat(e.kind())
                            .isEqualTo(OtaException.Kind.COUNTER_REPLAYED))
                    .hasMessageContaining("is not above the last one used (0000000101)");
        }
        store.claim(CARD, CommandPacket.MAX_COUNTER);
        assertThatThrownBy(() -> store.next(CARD))
                .isInstanceOfSatisfying(OtaException.class, e -> assertThat(e.kind())
                        .isEqualTo(OtaException.Kind.COUNTER_EXHAUSTED))
                .hasMessageContaining("the key set must be replaced");
        assertThatThrownBy(() -> store.claim(OTHER_KEY_SET, CommandPacket.MAX_COUNTER + 1))
                .hasMessageContaining("0 to FFFFFFFFFF");
    }

    @Test
    void inMemoryStoreFollowsTheRules() throws Exception {
        followsTheCounterRules(InMemoryOtaCounterStore::new);
    }

    @Test
    void fileStoreFollowsTheRules() throws Exception {
        try (FileOtaCounterStore store = FileOtaCounterStore.open(dir.resolve("counters"))) {
            followsTheCounterRules(() -> store);
        }
    }

    @Test
    void aRestartDoesNotReuseACounter() throws Exception {
        Path file = dir.resolve("ota/counters");
        try (FileOtaCounterStore store = FileOtaCounterStore.open(file)) {
            for (int i = 0; i < 5; i++) {
                store.next(CARD);
            }
            store.claim(OTHER_KEY_SET, 0x40);
        }
        try (FileOtaCounterStore store = FileOtaCounterStore.open(file)) {
            assertThat(store.last(CARD)).hasValue(5);
            assertThat(store.next(CARD)).isEqualTo(6);
            assertThat(store.next(OTHER_KEY_SET)).isEqualTo(0x41);
            assertThatThrownBy(() -> store.claim(CARD, 5)).isInstanceOf(OtaException.class);
        }
        assertThat(Files.readString(file)).as("compacted at the last open, then appended")
                .isEqualTo("8988211000000467285 2 0000000040\n8988211000000467285 3 0000000005\n"
                        + "8988211000000467285 3 0000000006\n8988211000000467285 2 0000000041\n");
    }

    @Test
    void aLineTornByACrashIsDroppedAndTheRestKept() throws Exception {
        Path file = dir.resolve("counters");
        Files.writeString(file, "8988211000000467285 3 0000000007\n8988211000000467285 3 00000", StandardCharsets.US_ASCII);
        try (FileOtaCounterStore store = FileOtaCounterStore.open(file)) {
            assertThat(store.next(CARD)).isEqualTo(8);
        }
        assertThat(Files.readString(file)).isEqualTo("8988211000000467285 3 0000000007\n8988211000000467285 3 0000000008\n");
    }

    @Test
    void aDamagedJournalIsNotGuessedAt() throws Exception {
        Path file = dir.resolve("counters");
        Files.writeString(file, "8988211000000467285 3 0000000007\ngarbage\n", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> FileOtaCounterStore.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("line 2 of the OTA counter journal");
        assertThat(Files.readString(file)).as("left as it was for a person to look at").contains("garbage");
    }

    @Test
    void oneJournalHasOneStore() throws Exception {
        Path file = dir.resolve("counters");
        try (FileOtaCounterStore store = FileOtaCounterStore.open(file)) {
            assertThatThrownBy(() -> FileOtaCounterStore.open(file)).isInstanceOf(IOException.class)
                    .hasMessageContaining("in use by another store");
            store.next(CARD);
        }
        try (FileOtaCounterStore again = FileOtaCounterStore.open(file)) {
            assertThat(again.next(CARD)).isEqualTo(2);
        }
    }

    @Test
    void aStoreThatCannotWriteRefusesToHandOutCounters() throws Exception {
        Path file = dir.resolve("counters");
        FileOtaCounterStore store = FileOtaCounterStore.open(file);
        store.next(CARD);
        store.close(); // the journal channel is gone: the next write fails like a full or vanished disk would
        assertThatThrownBy(() -> store.next(CARD)).isInstanceOfSatisfying(OtaException.class,
                e -> assertThat(e.kind()).isEqualTo(OtaException.Kind.STORE_FAILED));
        assertThatThrownBy(() -> store.next(CARD)).hasMessageContaining("reopen it");
        try (FileOtaCounterStore reopened = FileOtaCounterStore.open(file)) {
            assertThat(reopened.next(CARD)).isEqualTo(2);
        }
    }
}
