package io.tapbus.connector.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.phone.UserDataHeader.Concatenation;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The link's settings, its backoff and the reassembly of incoming parts. */
class SmscSettingsTest {

    private static final String PREFIX = "tapbus.smsc.cmcc.";

    @Test
    void anAccountComesFromSettingsAndHidesItsPassword() {
        Map<String, String> settings = Map.of(PREFIX + "host", "smsc.example.net", PREFIX + "system-id", "tapbus",
                PREFIX + "password", "s3cret");
        SmscAccount account = SmscAccount.from(settings::get, PREFIX);

        assertThat(account).isEqualTo(new SmscAccount("smsc.example.net", 2775, "tapbus", "s3cret", ""));
        assertThat(account.toString()).contains("tapbus@smsc.example.net:2775").doesNotContain("s3cret");
        assertThatThrownBy(() -> SmscAccount.from(Map.of(PREFIX + "host", "h", PREFIX + "system-id", "x")::get, PREFIX))
                .hasMessageContaining(PREFIX + "password");
        assertThatThrownBy(() -> new SmscAccount("h", 2775, "x", "ninechars", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linkSettingsKeepTheirDefaultsUnlessSet() {
        LinkSettings s = LinkSettings.from(Map.of(PREFIX + "window", "50", PREFIX + "throttled-first-ms", "500")::get,
                PREFIX);

        assertThat(s.window()).isEqualTo(50);
        assertThat(s.throttled().first()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.enquireLinkInterval()).isEqualTo(LinkSettings.defaults().enquireLinkInterval());
        assertThat(s.reconnect()).isEqualTo(LinkSettings.defaults().reconnect());
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));

        assertThat(b.delay(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(b.delay(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(b.delay(4)).isEqualTo(Duration.ofMillis(1000));
        assertThat(b.delay(1_000_000)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void partsAreJoinedBySenderAndReferenceAndOnlyAFewAreKept() {
        Reassembler r = new Reassembler(2);

        assertThat(r.add("861", new Concatenation(7, 2, 2, false), "B")).isEmpty();
        assertThat(r.add("862", new Concatenation(7, 2, 1, false), "x")).isEmpty();
        assertThat(r.add("861", new Concatenation(7, 2, 1, false), "A")).isEqualTo(Optional.of("AB"));
        assertThat(r.add("863", new Concatenation(1, 1, 1, false), "whole")).isEqualTo(Optional.of("whole"));
        r.add("864", new Concatenation(1, 3, 1, false), "a");
        r.add("865", new Concatenation(1, 3, 1, false), "a");
        assertThat(r.pending()).isEqualTo(2);
    }
}
