package io.tapbus.connector.ota;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of handing out counters: the store reopened never hands out a counter the dead process had
 * returned (and printed) before it died.
 */
class CounterCrashTest {

    @TempDir
    Path dir;

    @Test
    void aKilledProcessDoesNotMakeTheNextOneReuseACounter() throws Exception {
        Path file = dir.resolve("counters");
        CardKeySet keySet = new CardKeySet("8988211000000467285", 3);
        for (int round = 0; round < 2; round++) {
            Path printed = dir.resolve("printed-" + round);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CounterJournalChild.class.getName(), file.toString())
                    .redirectOutput(printed.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lines(printed).size() < 300 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(child.isAlive()).as("the child hands out counters until it is killed").isTrue();
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

            List<String> returned = lines(printed);
            assertThat(returned).hasSizeGreaterThanOrEqualTo(300);
            long highest = returned.stream().filter(l -> !l.isBlank()).mapToLong(Long::parseLong).max().orElseThrow();
            try (FileOtaCounterStore store = FileOtaCounterStore.open(file)) {
                assertThat(store.last(keySet).getAsLong()).isGreaterThanOrEqualTo(highest);
                assertThat(store.next(keySet)).isGreaterThan(highest);
            }
        }
    }

    private static List<String> lines(Path file) throws Exception {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int complete = text.lastIndexOf('\n') + 1;
        return text.substring(0, complete).lines().toList();
    }
}
