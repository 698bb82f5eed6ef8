package io.tapbus.connector.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void panShowsFirstSixAndLastFour() {
        assertThat(Masking.pan("4761739001010010123")).isEqualTo("476173*********0123");
        assertThat(Masking.pan("5413330089020011")).isEqualTo("541333******0011");
        assertThat(Masking.pan("4761739001")).isEqualTo("**********");
        assertThat(Masking.pan(null)).isNull();
    }

    @Test
    void identifierShowsAtMostItsLastFour() {
        assertThat(Masking.lastFour("04A1B2C3D4E5F6")).isEqualTo("**********E5F6");
        assertThat(Masking.lastFour("ABC")).isEqualTo("**C");
        assertThat(Masking.lastFour(null)).isNull();
    }

    @Test
    void msisdnShowsCountryAndOperatorPrefixAndLastFour() {
        assertThat(Masking.msisdn("+8613800138000")).isEqualTo("+86138****8000");
        assertThat(Masking.msisdn("447700900123")).isEqualTo("4477****0123");
        assertThat(Masking.msisdn("+447700900123")).isEqualTo("+4477****0123");
        assertThat(Masking.msisdn("+8613800138000000")).isEqualTo("+86138*******0000");
    }

    @Test
    void shortMsisdnNeverShowsItsWholeNumber() {
        // E.164 allows 7 to 15 digits: prefix and suffix must never cover a short number whole
        assertThat(Masking.msisdn("+35412345")).isEqualTo("+****2345");
        assertThat(Masking.msisdn("+354123456")).isEqualTo("+3****3456");
        assertThat(Masking.msisdn("+3541234567")).isEqualTo("+35****4567");
        for (String n : new String[] {"+35412345", "+354123456", "+3541234567", "+12025550123"}) {
            assertThat(Masking.msisdn(n).chars().filter(c -> c == '*').count()).as(n).isGreaterThanOrEqualTo(4);
        }
        assertThat(Masking.msisdn("+123456")).isEqualTo("*******");
        assertThat(Masking.msisdn(null)).isNull();
    }
}
