package io.tapbus.connector.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryReplayGuardTest {

    private final InMemoryReplayGuard guard = new InMemoryReplayGuard();

    @Test
    void acceptsOnlyStrictlyIncreasingSequencesPerReader() {
        assertThat(guard.advance("A", 5)).isTrue();
        assertThat(guard.advance("A", 5)).isFalse();
        assertThat(guard.advance("A", 4)).isFalse();
        assertThat(guard.advance("B", 1)).as("readers are independent").isTrue();
        assertThat(guard.advance("A", 6)).isTrue();
        assertThat(guard.lastAccepted("A")).hasValue(6);
    }

    @Test
    void letsExactlyOneOfManyRacingCopiesThrough() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (long sequence = 1; sequence <= 200; sequence++) {
                long seq = sequence;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> copies = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    copies.add(pool.submit(() -> {
                        start.await();
                        return guard.advance("R", seq);
                    }));
                }
                start.countDown();
                int accepted = 0;
                for (Future<Boolean> copy : copies) {
                    accepted += copy.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(accepted).as("copies of sequence %d accepted", seq).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
