package io.tapbus.connector.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SunUrlTest {

    @Test
    void readsTheParameterNamesOfAn12196sExampleUrls() throws Exception {
        // AN12196 §3.4.2.1
        assertThat(SunUrl.parse("https://ntag.nxp.com/424?e=EF963FF7828658A599F3041510671E88&c=94EED9EE65337086"))
                .isEqualTo(new SunUrl("EF963FF7828658A599F3041510671E88", null, "94EED9EE65337086", null, null, "c"));
        // AN12196 §3.4.3.1
        assertThat(SunUrl.parse("https://www.my424dna.com/?picc_data=FDE4AFA99B5C820A2C1BB0F1C792D0EB"
                + "&enc=94592FDE69FA06E8E3B6CA686A22842B&cmac=C48B89C17A233B2C"))
                .isEqualTo(new SunUrl("FDE4AFA99B5C820A2C1BB0F1C792D0EB", "94592FDE69FA06E8E3B6CA686A22842B",
                        "C48B89C17A233B2C", null, null, "cmac"));
        // AN12196 §3.4.1 (plain mirroring)
        assertThat(SunUrl.parse("https://ntag.nxp.com/424?uid=04C767F2066180&ctr=000001&c=54A45B2C3A558765"))
                .isEqualTo(new SunUrl(null, null, "54A45B2C3A558765", "04C767F2066180", "000001", "c"));
    }

    @Test
    void ignoresOtherParametersAndTheFragment() throws Exception {
        SunUrl url = SunUrl.parse("shop.example/p?sku=A%2F1&picc_data=AB&&cmac=CD#top");
        assertThat(url.piccData()).isEqualTo("AB");
        assertThat(url.cmac()).isEqualTo("CD");
        assertThat(url.macParameter()).isEqualTo("cmac");
    }

    @Test
    void refusesUrlsItCannotRead() {
        assertThatThrownBy(() -> SunUrl.parse("https://ntag.nxp.com/424")).isInstanceOf(SunException.class)
                .hasMessageContaining("no query string");
        assertThatThrownBy(() -> SunUrl.parse("https://x/?sku=1")).isInstanceOf(SunException.class)
                .hasMessageContaining("none of the SUN parameters");
        assertThatThrownBy(() -> SunUrl.parse("https://x/?e=AB&picc_data=AB&c=CD")).isInstanceOf(SunException.class)
                .hasMessage("the URL gives picc_data twice (as e and as picc_data)");
        assertThatThrownBy(() -> SunUrl.parse("https://x/?cmac=%G1")).isInstanceOf(SunException.class)
                .hasMessageContaining("percent-encoding");
        assertThatThrownBy(() -> SunUrl.parse(" ")).isInstanceOf(SunException.class);
    }
}
