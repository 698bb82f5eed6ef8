package io.tapbus.connector.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PackagerTest {

    private static Iso8583Packager load(String fields) throws Exception {
        String json = "{\"name\":\"t\",\"encoding\":\"ascii\",\"messageTypes\":[\"0800\"],\"fields\":[" + fields + "]}";
        return Iso8583Packager.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void builtInPackagersShareTheirFieldTableAndDifferInEncoding() {
        Iso8583Packager ascii = Iso8583Packager.named("ascii");
        Iso8583Packager binary = Iso8583Packager.named("binary");

        assertThat(ascii.encoding()).isEqualTo(WireEncoding.ASCII);
        assertThat(binary.encoding()).isEqualTo(WireEncoding.BINARY);
        assertThat(ascii.fields()).isEqualTo(binary.fields());
        assertThat(ascii.field(2).notation()).isEqualTo("n..19");
        assertThat(ascii.field(54).notation()).isEqualTo("an...120");
        assertThat(ascii.messageTypes()).containsExactly("0100", "0110", "0200", "0210", "0400", "0401", "0410",
                "0800", "0810");
    }

    @Test
    void aLayoutFileDrivesTheCodec() throws Exception {
        Iso8583Codec codec = new Iso8583Codec(load("{\"field\":11,\"type\":\"an\",\"format\":\"LLVAR\","
                + "\"length\":4,\"name\":\"short trace\"}"));

        byte[] bytes = codec.encode(Iso8583Message.of("0800").with(11, "AB1"));

        assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo("0800" + "0020000000000000" + "03AB1");
        assertThat(codec.decode(bytes).field(11)).isEqualTo("AB1");
    }

    @Test
    void refusesUnusableLayouts() {
        assertThatThrownBy(() -> load("{\"field\":1,\"type\":\"b\",\"format\":\"fixed\",\"length\":8,\"name\":\"x\"}"))
                .hasMessageContaining("secondary bitmap");
        assertThatThrownBy(() -> load("{\"field\":2,\"type\":\"z\",\"format\":\"fixed\",\"length\":8,\"name\":\"x\"}"))
                .hasMessageContaining("unknown field type 'z'");
        assertThatThrownBy(() -> load("{\"field\":2,\"type\":\"n\",\"format\":\"LLVAR\",\"length\":100,"
                + "\"name\":\"x\"}")).hasMessageContaining("length 100");
        assertThatThrownBy(() -> load("{\"field\":2,\"type\":\"n\",\"format\":\"fixed\",\"length\":2,\"name\":\"x\"},"
                + "{\"field\":2,\"type\":\"n\",\"format\":\"fixed\",\"length\":2,\"name\":\"y\"}"))
                .hasMessageContaining("defined twice");
        assertThatThrownBy(() -> Iso8583Packager.named("ebcdic")).hasMessageContaining("unknown packager");
        assertThatThrownBy(() -> Iso8583Packager.named("../x")).hasMessageContaining("unknown packager");
    }
}
