package io.tapbus.connector.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemoryIssuerKeysTest {

    @Test
    void loadsLabelledKeysAndIgnoresComments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("issuer-keys.hex");
        Files.writeString(file, """
                # IMK-AC keys, 2-key 3DES
                demo-imk-ac = 0123456789ABCDEFFEDCBA9876543210   # pyemv's example key
                other = fedcba98765432100123456789abcdef
                """);
        InMemoryIssuerKeys keys = InMemoryIssuerKeys.load(file);
        assertThat(keys.labels()).containsExactly("demo-imk-ac", "other");
        assertThat(keys.checkValue("demo-imk-ac")).startsWith(PublishedVectors.IMK_KCV_2);
    }

    @Test
    void aKeyNamesTheCryptogramProfileOfItsCards() {
        InMemoryIssuerKeys keys = InMemoryIssuerKeys.parse(List.of(
                "plain = 0123456789ABCDEFFEDCBA9876543210",
                "visa = 0123456789ABCDEFFEDCBA9876543210 method=visa-cvn10   # P00, the method's own",
                "mc = 0123456789ABCDEFFEDCBA9876543210 padding=00 method=mchip"), "keys.hex");
        assertThat(keys.profile("plain")).isEqualTo(CryptogramProfile.DEFAULT);
        assertThat(keys.profile("visa")).isEqualTo(CryptogramProfile.of(CryptogramMethod.VISA_CVN10));
        assertThat(keys.profile("mc")).isEqualTo(new CryptogramProfile(CryptogramMethod.MCHIP, Padding.P00));
    }

    @Test
    void refusesAnUnknownMethodPaddingOrSettingNamingTheLine() {
        String key = "0123456789ABCDEFFEDCBA9876543210";
        assertThatThrownBy(() -> InMemoryIssuerKeys.parse(List.of("a = " + key + " method=cvn18"), "keys.hex"))
                .hasMessageContaining("keys.hex line 1").hasMessageContaining("csk, visa-cvn10, mchip")
                .hasMessageNotContaining(key);
        assertThatThrownBy(() -> InMemoryIssuerKeys.parse(List.of("a = " + key + " padding=7"), "keys.hex"))
                .hasMessageContaining("00, 80");
        assertThatThrownBy(() -> InMemoryIssuerKeys.parse(List.of("a = " + key + " cvn=10"), "keys.hex"))
                .hasMessageContaining("not 'cvn'");
        assertThatThrownBy(() -> InMemoryIssuerKeys.parse(List.of("a = " + key + " method=csk method=mchip"), "f"))
                .hasMessageContaining("method is given twice");
    }

    @Test
    void neverShowsAKeyInMessagesOrToString() {
        String key = "0123456789ABCDEFFEDCBA987654321"; // one digit short
        assertThatThrownBy(() -> InMemoryIssuerKeys.parse(List.of("a = " + key), "keys.hex"))
                .hasMessageContaining("keys.hex line 1").hasMessageNotContaining(key);
        InMemoryIssuerKeys keys = InMemoryIssuerKeys.parse(List.of("a = " + key + "0"), "keys.hex");
        assertThat(keys.toString()).isEqualTo("InMemoryIssuerKeys[a]");
    }

    @Test
    void refusesDuplicateLabelsAndEmptyFiles() {
        assertThatThrownBy(() -> InMemoryIssuerKeys.parse(
                List.of("a = 0123456789ABCDEFFEDCBA9876543210", "a = 0123456789ABCDEFFEDCBA9876543210"), "f"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> InMemoryIssuerKeys.parse(List.of("# nothing"), "f")).hasMessageContaining("no keys");
    }
}
