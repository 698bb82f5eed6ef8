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
