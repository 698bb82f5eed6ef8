package io.tapbus.runtime.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressLimitTest {
    @Test
    void countsPerAddressInHourWindows() {
        AddressLimit limit = new AddressLimit(2);
        assertThat(limit.take("10.0.0.1", 0)).isEmpty();
        assertThat(limit.take("10.0.0.1", 1000)).isEmpty();
        assertThat(limit.take("10.0.0.1", 2000)).hasValue(3598);
        assertThat(limit.take("10.0.0.2", 2000)).as("another address").isEmpty();
        assertThat(limit.take("10.0.0.1", 3_600_000)).as("the next hour").isEmpty();
    }

    @Test
    void zeroIsNoLimit() {
        AddressLimit limit = new AddressLimit(0);
        for (int i = 0; i < 100; i++) {
            assertThat(limit.take("10.0.0.1", i)).isEmpty();
        }
    }
}
