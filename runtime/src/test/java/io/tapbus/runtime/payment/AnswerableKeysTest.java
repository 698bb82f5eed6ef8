package io.tapbus.runtime.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.card.CryptogramMethod;
import io.tapbus.connector.card.CryptogramProfile;
import io.tapbus.connector.card.InMemoryIssuerKeys;
import io.tapbus.connector.card.Padding;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AnswerableKeysTest {
    private static final byte[] IMK = HexFormat.of().parseHex("0123456789ABCDEFFEDCBA9876543210");

    @Test
    void commonSessionKeysAreAnswerable() {
        InMemoryIssuerKeys keys = InMemoryIssuerKeys.of("tapbus-demo", IMK);
        assertThat(AnswerableKeys.require(keys)).isSameAs(keys);
    }

    @Test
    void aKeyTheBusCannotAnswerStopsTheStartNamingIt() {
        for (CryptogramMethod method : new CryptogramMethod[] {CryptogramMethod.VISA_CVN10, CryptogramMethod.MCHIP}) {
            InMemoryIssuerKeys keys = InMemoryIssuerKeys.of("visa-bin-4111", IMK, new CryptogramProfile(method, Padding.P00));
            assertThatThrownBy(() -> AnswerableKeys.require(keys)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("visa-bin-4111 (" + method.code() + ")").hasMessageContaining("method=csk")
                    .hasMessageNotContaining("0123456789");
        }
    }
}
