package io.tapbus.connector.ota;

import java.nio.file.Path;

/**
 * Run by {@link CounterCrashTest} in a process of its own: hands out counters from a journal as fast as it can and
 * prints each one only after {@code next} returned it, until it is killed.
 */
public final class CounterJournalChild {

    private CounterJournalChild() {
    }

    public static void main(String[] args) throws Exception {
        FileOtaCounterStore store = FileOtaCounterStore.open(Path.of(args[0]));
        CardKeySet keySet = new CardKeySet("8988211000000467285", 3);
        while (true) {
            long counter = store.next(keySet);
            System.out.println(counter);
            System.out.flush();
        }
    }
}
