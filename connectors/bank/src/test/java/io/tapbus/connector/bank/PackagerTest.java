package io.tapbus.connector.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.common.Hex;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagerTest {

    @TempDir
    Path folder;

    private static Iso8583Packager load(String fields) throws Exception {
        String json = "{\"name\":\"t\",\"encoding\":\"ascii\",\"messageTypes\":[\"0800\"],\"fields\":[" + fields + "]}";
        return Iso8583Packager.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private Path file(String name, String json) throws Exception {
        return Files.writeString(folder.resolve(name), json);
    }

    @Test
    void builtInLayoutsDefineAll128FieldsAndAsciiAndBinaryAreTheirAliases() {
        Iso8583Packager ascii = Iso8583Packager.named("ascii");
        Iso8583Packager binary = Iso8583Packager.named("binary");

        assertThat(ascii.name()).isEqualTo("ascii");
        assertThat(ascii.encoding()).isEqualTo(WireEncoding.ASCII);
        assertThat(binary.encoding()).isEqualTo(WireEncoding.BINARY);
        assertThat(ascii.fields()).isEqualTo(Iso8583Packager.named("iso87a").fields()).hasSize(127)
                .containsKeys(2, 64, 65, 128);
        assertThat(binary.fields()).isEqualTo(Iso8583Packager.named("iso87b").fields());
        assertThat(ascii.field(2).notation()).isEqualTo("n..19");
        assertThat(ascii.field(35).notation()).isEqualTo("z..37");
        assertThat(ascii.field(28).notation()).isEqualTo("x+n 9");
        assertThat(ascii.field(55).notation()).isEqualTo("ans...999");
        assertThat(binary.field(2).pad()).isEqualTo(PadSide.RIGHT);
        assertThat(binary.field(3).pad()).isEqualTo(PadSide.LEFT);
        assertThat(ascii.accepts("0100")).isTrue();
        assertThat(ascii.accepts("0820")).isTrue();
        assertThat(ascii.accepts("1100")).as("ISO 8583:1993").isFalse();
        assertThat(ascii.accepts("0000")).isFalse();
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
    void aVariantInheritsAStandardLayoutAndOverridesSomeFields() throws Exception {
        Path variant = file("my-bank.json", """
                {"name": "my-bank", "extends": "iso87b",
                 "fields": [
                   {"field": 55, "type": "b", "length": 255, "name": "ICC data"},
                   {"field": 48, "format": "LLVAR", "length": 99}
                 ]}""");

        Iso8583Packager packager = Iso8583Packager.named(variant.toString());

        assertThat(packager.name()).isEqualTo("my-bank");
        assertThat(packager.encoding()).isEqualTo(WireEncoding.BINARY);
        assertThat(packager.field(55).notation()).isEqualTo("b...255");
        assertThat(packager.field(48).notation()).isEqualTo("ans..99");
        assertThat(packager.field(48).name()).isEqualTo("additional data, private");
        assertThat(packager.field(2)).isEqualTo(Iso8583Packager.named("iso87b").field(2));
        byte[] bytes = new Iso8583Codec(packager).encode(Iso8583Message.of("0200").with(55, "9F2701"));
        assertThat(Hex.of(bytes)).isEqualTo("0200" + "0000000000000200" + "0003" + "9F2701");
    }

    @Test
    void variantsAreFoundByNameInTheLayoutFolderAndMayExtendEachOther() throws Exception {
        file("base-bank.json", "{\"name\": \"base-bank\", \"extends\": \"ascii\","
                + " \"fields\": [{\"field\": 62, \"format\": \"LLVAR\", \"length\": 50}]}");
        file("branch-bank.json", "{\"name\": \"branch-bank\", \"extends\": \"base-bank\","
                + " \"messageTypes\": [\"0800\", \"0810\"]}");
        String before = System.getProperty(PackagerFiles.FOLDER_PROPERTY);
        System.setProperty(PackagerFiles.FOLDER_PROPERTY, folder.toString());
        try {
            Iso8583Packager packager = Iso8583Packager.named("branch-bank");

            assertThat(packager.field(62).notation()).isEqualTo("ans..50");
            assertThat(packager.accepts("0800")).isTrue();
            assertThat(packager.accepts("0200")).isFalse();
            assertThatThrownBy(() -> Iso8583Packager.named("no-such-bank")).hasMessageContaining("unknown packager")
                    .hasMessageContaining("no-such-bank.json");
        } finally {
            if (before == null) {
                System.clearProperty(PackagerFiles.FOLDER_PROPERTY);
            } else {
                System.setProperty(PackagerFiles.FOLDER_PROPERTY, before);
            }
        }
    }

    @Test
    void theExampleBankVariantInConfigLoads() {
        Iso8583Packager packager = Iso8583Packager.named("../../config/iso8583/example-bank.json");

        assertThat(packager.name()).isEqualTo("example-bank");
        assertThat(packager.field(55).type()).isEqualTo(FieldType.B);
    }

    @Test
    void refusesUnusableVariants() throws Exception {
        Path loop = file("loop.json", "{\"name\": \"loop\", \"extends\": \"loop.json\"}");
        Path orphan = file("orphan.json", "{\"name\": \"orphan\", \"extends\": \"iso99\"}");
        Path incomplete = file("incomplete.json", "{\"name\": \"incomplete\", \"extends\": \"ascii\","
                + " \"fields\": [{\"field\": 2, \"length\": 200}]}");
        Path newField = file("new-field.json", "{\"name\": \"x\", \"extends\": \"ascii\","
                + " \"fields\": [{\"field\": 2, \"type\": \"q\"}]}");

        assertThatThrownBy(() -> Iso8583Packager.named(loop.toString())).hasMessageContaining("extends itself");
        assertThatThrownBy(() -> Iso8583Packager.named(orphan.toString())).hasMessageContaining("unknown packager 'iso99'");
        assertThatThrownBy(() -> Iso8583Packager.named(incomplete.toString())).hasMessageContaining("field 2")
                .hasMessageContaining("length 200");
        assertThatThrownBy(() -> Iso8583Packager.named(newField.toString())).hasMessageContaining("unknown field type 'q'");
        assertThatThrownBy(() -> Iso8583Packager.named(folder.resolve("absent.json").toString()))
                .hasMessageContaining("does not exist");
    }

    @Test
    void refusesUnusableLayouts() {
        assertThatThrownBy(() -> load("{\"field\":1,\"type\":\"b\",\"format\":\"fixed\",\"length\":8,\"name\":\"x\"}"))
                .hasMessageContaining("secondary bitmap");
        assertThatThrownBy(() -> load("{\"field\":2,\"type\":\"q\",\"format\":\"fixed\",\"length\":8,\"name\":\"x\"}"))
                .hasMessageContaining("unknown field type 'q'");
        assertThatThrownBy(() -> load("{\"field\":2,\"type\":\"n\",\"format\":\"LLVAR\",\"length\":100,"
                + "\"name\":\"x\"}")).hasMessageContaining("length 100");
        assertThatThrownBy(() -> load("{\"field\":2,\"type\":\"x+n\",\"format\":\"LLVAR\",\"length\":9,"
                + "\"name\":\"x\"}")).hasMessageContaining("x+n is fixed");
        assertThatThrownBy(() -> load("{\"field\":2,\"type\":\"n\",\"format\":\"fixed\",\"length\":2,\"name\":\"x\"},"
                + "{\"field\":2,\"type\":\"n\",\"format\":\"fixed\",\"length\":2,\"name\":\"y\"}"))
                .hasMessageContaining("defined twice");
        assertThatThrownBy(() -> Iso8583Packager.named("ebcdic")).hasMessageContaining("unknown packager");
        assertThatThrownBy(() -> Iso8583Packager.named("..x")).hasMessageContaining("unknown packager");
    }
}
