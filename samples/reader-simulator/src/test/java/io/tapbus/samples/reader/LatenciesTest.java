package io.tapbus.samples.reader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void nearestRankPercentiles() {
        Latencies latencies = new Latencies();
        for (long v = 100; v >= 1; v--) {
            latencies.add(v);
        }
        long[] sorted = latencies.sorted();
        assertThat(Latencies.percentile(sorted, 50)).isEqualTo(50);
        assertThat(Latencies.percentile(sorted, 90)).isEqualTo(90);
        assertThat(Latencies.percentile(sorted, 99)).isEqualTo(99);
        assertThat(Latencies.percentile(sorted, 100)).isEqualTo(100);
        assertThat(Latencies.percentile(sorted, 0)).isEqualTo(1);
    }

    @Test
    void smallAndEmptySamples() {
        assertThat(Latencies.percentile(new long[0], 99)).isZero();
        assertThat(Latencies.percentile(new long[] {7}, 50)).isEqualTo(7);
        assertThat(Latencies.percentile(new long[] {1, 2, 3, 1000}, 99)).isEqualTo(1000);
    }

    @Test
    void growsAndMerges() {
        Latencies a = new Latencies();
        Latencies b = new Latencies();
        for (int i = 0; i < 5000; i++) {
            a.add(i);
            b.add(10_000 + i);
        }
        a.addAll(b);
        assertThat(a.size()).isEqualTo(10_000);
        assertThat(a.sorted()[9_999]).isEqualTo(14_999);
    }
}
