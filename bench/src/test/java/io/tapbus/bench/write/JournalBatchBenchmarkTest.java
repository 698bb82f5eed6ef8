package io.tapbus.bench.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The journal batch benchmark's operation, a few times outside JMH: every unit answered, in one batch each time. */
class JournalBatchBenchmarkTest {
    @Test
    void eachOperationIsOneBatchOfAllItsUnits() throws Exception {
        JournalBatchBenchmark benchmark = new JournalBatchBenchmark();
        benchmark.units = 64;
        benchmark.open();
        try {
            benchmark.tablesCaughtUp();
            long sum = 0;
            for (int i = 0; i < 3; i++) {
                sum += benchmark.oneBatch();
            }
            benchmark.report();
            assertThat(sum).as("the answers are the ids 0..191").isEqualTo(191L * 192 / 2);
        } finally {
            benchmark.close(); // throws when a batch was split or rows are missing in the tables
        }
    }
}
