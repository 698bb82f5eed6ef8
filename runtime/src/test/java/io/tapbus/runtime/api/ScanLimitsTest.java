package io.tapbus.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Token buckets of the public scan URL: per client address and per batch. */
class ScanLimitsTest {

    @Test
    void aClientGetsItsBurstThenTooManyRequestsWithRetryAfterWhileOthersGoOn() {
        ScanLimits limits = new ScanLimits(2, 0, Set.of());
        for (int i = 0; i < 4; i++) {
            limits.take("203.0.113.7", "B-1"); // burst: twice the rate
        }
        assertThatThrownBy(() -> limits.take("203.0.113.7", "B-1"))
                .isInstanceOfSatisfying(ScanLimits.TooManyRequests.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfterSeconds()).isBetween(1L, 2L);
                    assertThat(e.getMessage()).contains("this address", "2 a second");
                });
        limits.take("198.51.100.9", "B-1"); // another address has its own bucket
    }

    @Test
    void unlimitedAddressesAreNotLimitedPerClientButThePerBatchLimitHoldsForEveryone() {
        ScanLimits limits = new ScanLimits(1, 3, Set.of("127.0.0.1"));
        for (int i = 0; i < 6; i++) {
            limits.take("127.0.0.1", "B-HOT"); // batch burst 6
        }
        assertThatThrownBy(() -> limits.take("127.0.0.1", "B-HOT"))
                .isInstanceOfSatisfying(ScanLimits.TooManyRequests.class, e -> assertThat(e.getMessage()).contains("this batch"));
        for (int i = 0; i < 10; i++) {
            limits.take("127.0.0.1", "B-OTHER-" + (i % 2)); // other batches, loopback: not limited per client
        }
    }

    @Test
    void tokensComeBackAtTheRate() throws Exception {
        ScanLimits limits = new ScanLimits(20, 0, Set.of());
        for (int i = 0; i < 40; i++) {
            limits.take("203.0.113.8", "B-1");
        }
        assertThatThrownBy(() -> limits.take("203.0.113.8", "B-1")).isInstanceOf(ScanLimits.TooManyRequests.class);
        Thread.sleep(200); // 20 a second: about 4 tokens back
        limits.take("203.0.113.8", "B-1");
        limits.take("203.0.113.8", "B-1");
    }
}
