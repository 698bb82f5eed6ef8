package io.tapbus.connector.tag;

import static io.tapbus.connector.tag.TestHex.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TagTamperStatusTest {

    @Test
    void readsTheTwoLettersFromFileData() throws Exception {
        assertThat(TagTamperStatus.fromFileData(hex("43432D2D"), 0)).isEqualTo(new TagTamperStatus('C', 'C'));
        TagTamperStatus openedOnce = TagTamperStatus.fromFileData(hex("2D4F43"), 1);
        assertThat(openedOnce.code()).isEqualTo("OC");
        assertThat(openedOnce.intact()).isFalse();
        assertThat(TagTamperStatus.fromFileData(hex("4949"), 0).code()).isEqualTo("II");
        assertThat(TagTamperStatus.parse("CC").intact()).isTrue();
    }

    @Test
    void refusesWhatIsNotAStatus() {
        assertThatThrownBy(() -> TagTamperStatus.fromFileData(hex("7878"), 0))
                .isInstanceOf(SunException.class).hasMessageContaining("78 78");
        assertThatThrownBy(() -> TagTamperStatus.fromFileData(hex("4343"), 1))
                .isInstanceOf(SunException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> TagTamperStatus.parse("cc")).isInstanceOf(SunException.class);
        assertThatThrownBy(() -> TagTamperStatus.parse("CCC")).isInstanceOf(SunException.class);
        assertThatThrownBy(() -> new TagTamperStatus('X', 'C')).isInstanceOf(IllegalArgumentException.class);
    }
}
