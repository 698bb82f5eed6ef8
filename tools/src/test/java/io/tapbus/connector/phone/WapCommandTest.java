package io.tapbus.connector.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.phone.CommandTestSupport.Run;
import io.tapbus.tools.WapCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code tapbus wap si|sl}: the published examples of WAP-167 and WAP-168 through the command. */
class WapCommandTest {

    private static Run wap(String stdin, String... args) {
        return CommandTestSupport.run(WapCommand::run, stdin, args);
    }

    @Test
    void printsTheWbxmlOfTheWap167Example() throws IOException {
        Run run = wap(resource("wap-167-example.xml"), "si");
        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(resource("wap-167-example.wbxml.hex").replaceAll("\\s", "") + "\n");
    }

    @Test
    void printsTheWbxmlOfTheWap168Example() throws IOException {
        Run run = wap(resource("wap-168-example.xml"), "sl");
        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo(resource("wap-168-example.wbxml.hex").replaceAll("\\s", "") + "\n");
    }

    @Test
    void readsTheEncodingTheDeclarationNames() {
        String latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><si><indication>caf\u00e9</indication></si>";
        Run run = CommandTestSupport.run((a, in, out, err) -> WapCommand.run(a,
                new java.io.ByteArrayInputStream(latin1.getBytes(StandardCharsets.ISO_8859_1)), out, err), "", "si");
        assertThat(run.out().strip()).isEqualTo("02056A0045C60103636166C3A9000101".replace("C60103", "4603"));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "si|<sl href='http://a'/>|standard input holds a Service Loading document (<sl>); use tapbus wap sl",
        "sl|<si/>|standard input holds a Service Indication (<si>); use tapbus wap si",
        "si||no document on standard input",
        "si|<si><indication>|not well-formed XML",
        "si|<si><indication created='yesterday'/></si>|not in the form YYYY-MM-DDThh:mm:ssZ",
        "wml|<si/>|unknown subcommand 'wml'",
        "si --tid 3|<si/>|unknown option --tid",
    })
    void unusableInputExitsTwoWithTheReason(String args, String stdin, String reason) {
        Run run = wap(stdin == null ? "" : stdin, args.split(" "));
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("tapbus wap: ").contains(reason).doesNotContain("Exception");
    }

    @Test
    void aMissingSubcommandAndATooLargeDocumentExitTwo() {
        assertThat(wap("").err()).contains("missing subcommand: si or sl");
        Run big = wap("<si>" + " ".repeat(WapCommand.MAX_DOCUMENT) + "</si>", "si");
        assertThat(big.status()).isEqualTo(2);
        assertThat(big.err()).contains("larger than 65536 octets");
    }

    @Test
    void helpExitsZero() {
        Run run = wap("", "--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("tapbus wap si < si.xml").contains("tapbus wap sl < sl.xml");
        assertThat(wap("", "-h").status()).isZero();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = WapCommandTest.class.getResourceAsStream("wap/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
