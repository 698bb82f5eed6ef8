package io.tapbus.connector.phone;

import static io.tapbus.connector.phone.TestHex.bytes;
import static io.tapbus.connector.phone.TestHex.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.phone.PhoneCodecException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SI and SL in WBXML, both ways. Golden files under {@code wap/} (see its README): the example of WAP-167 and of
 * WAP-168 with their published tokenised forms. Also a third-party SI with WSP charset parameter (a public SMS PDU
 * library's WAP push test, href http://www.google.com.my, both dates 2009-04-24T16:45:30Z).
 */
class WbxmlTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"wap-167-example", "wap-168-example"})
    void thePublishedExampleEncodesToThePublishedBytesAndBack(String name) throws IOException {
        String xml = resource(name + ".xml");
        byte[] published = bytes(resource(name + ".wbxml.hex").strip());
        assertThat(hex(WbxmlEncoder.encode(xml))).isEqualTo(hex(published));
        PushDocument decoded = WbxmlDecoder.decode(published);
        assertThat(hex(WbxmlEncoder.encode(decoded.toXml()))).isEqualTo(hex(published));
        assertThat(WbxmlEncoder.encode(decoded)).isEqualTo(published);
    }

    @Test
    void decodesTheSiExampleToItsValues() throws IOException {
        PushDocument si = WbxmlDecoder.decode(bytes(resource("wap-167-example.wbxml.hex").strip()));
        assertThat(si.type()).isEqualTo(PushDocumentType.SI);
        PushElement indication = (PushElement) si.root().content().get(0);
        assertThat(indication.attributes()).extracting(a -> a.getKey() + "=" + a.getValue()).containsExactly(
                "href=http://www.xyz.com/email/123/abc.wml", "created=1999-06-25T15:23:15Z",
                "si-expires=1999-06-30T00:00:00Z");
        assertThat(indication.content()).containsExactly("You have 4 new emails");
        assertThat(si.toXml()).isEqualTo("""
                <?xml version="1.0"?>
                <!DOCTYPE si PUBLIC "-//WAPFORUM//DTD SI 1.0//EN" "http://www.wapforum.org/DTD/si.dtd">
                <si><indication href="http://www.xyz.com/email/123/abc.wml" created="1999-06-25T15:23:15Z" \
                si-expires="1999-06-30T00:00:00Z">You have 4 new emails</indication></si>
                """);
    }

    @Test
    void decodesAThirdPartySiWithAWspCharsetParameter() {
        WspPush push = WspPush.decode(bytes("01060403AE81EA02056A0045C60D03676F6F676C652E636F6D2E6D79000AC30720090424"
                + "16453010C30720090424164530010374657374696E67000101"));
        assertThat(push.transactionId()).isEqualTo(1);
        assertThat(push.contentType()).isEqualTo(PushDocumentType.SI.wspContentType());
        assertThat(push.headers()).isEmpty();
        PushDocument si = WbxmlDecoder.decode(push.content());
        PushElement indication = (PushElement) si.root().content().get(0);
        assertThat(indication.attributes()).extracting(a -> a.getValue()).containsExactly("http://www.google.com.my",
                "2009-04-24T16:45:30Z", "2009-04-24T16:45:30Z");
        assertThat(indication.content()).containsExactly("testing");
        assertThat(WbxmlEncoder.encode(si)).isEqualTo(push.content());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // attribute start tokens with their URL prefixes, and the value tokens
        "<si><indication href='https://www.tapbus.org/t/1'/></si>|02056A0045860F03746170627573008803742F31000101",
        "<si><indication href='https://pay.tapbus.net/'/></si>|02056A0045860E03706179" + "2E74617062757300870101",
        "<si><indication href='http://x.edu/a.com/b'/></si>|02056A0045860C0378008603610085036200" + "0101",
        "<si><indication href='tel:123'/></si>|02056A0045860B0374656C3A313233000101",
        // action values and the other attributes
        "<si><indication href='http://a' action='signal-high' si-id='42'>Hi</indication></si>"
                + "|02056A0045C60C0361000811033432000103486900" + "0101",
        "<si><indication action='delete' si-id='42'/></si>|02056A0045860911033432000101",
        "<si><indication href='http://a'>x</indication><info><item class='c'>i</item></info></si>"
                + "|02056A0045C60C0361000103780001" + "47C81203630001036900010101",
        "<sl href='https://www.tapbus.com/t' action='execute-high'/>|02066A00850C03746170627573008503740006" + "01",
        "<sl href='http://x' action='cache'/>|02066A008509037800" + "0701",
        "<sl href='https://x' action='execute-low'/>|02066A00850B037800" + "0501",
        // a date with seconds keeps every octet; Chinese text is UTF-8
        "<si><indication created='2024-01-02T03:04:05Z'>余额</indication></si>"
                + "|02056A0045C60AC30720240102030405" + "0103E4BD99E9A29D000101",
    })
    void tokenisesAttributesValuesAndText(String xml, String wbxml) {
        assertThat(hex(WbxmlEncoder.encode(xml))).isEqualTo(wbxml);
        assertThat(WbxmlEncoder.encode(WbxmlDecoder.decode(bytes(wbxml)).toXml())).isEqualTo(bytes(wbxml));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "<si><indication href='http://a' created='1999-06-25 15:23:15'/></si>|not in the form YYYY-MM-DDThh:mm:ssZ",
        "<si><indication created='1999-02-30T00:00:00Z'/></si>|not a valid date",
        "<si><indication action='signal-loud'/></si>|action=\"signal-loud\" is not a value SI defines",
        "<si><indication colour='red'/></si>|colour is not an attribute of <indication> in SI",
        "<si><note/></si>|<note> is not an element of SI",
        "<si>text</si>|<si> holds elements, not text",
        "<wml/>|neither <si> (Service Indication) nor <sl>",
        "<si><indication>|not well-formed XML",
        "<sl href='http://a' action='signal-high'/>|is not a value SL defines",
    })
    void refusesDocumentsThatAreNotSiOrSl(String xml, String reason) {
        assertThatThrownBy(() -> WbxmlEncoder.encode(xml)).isInstanceOfSatisfying(PhoneCodecException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.XML_INVALID)).hasMessageContaining(reason);
    }

    @Test
    void neverFetchesOrExpandsExternalEntities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE si [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<si><indication>&x;</indication></si>";
        assertThatThrownBy(() -> WbxmlEncoder.encode(xxe)).isInstanceOf(PhoneCodecException.class)
                .hasMessageNotContaining("root:");
        String unreachableDtd = "<!DOCTYPE sl SYSTEM \"http://127.0.0.1:1/sl.dtd\"><sl href=\"http://a\"/>";
        assertThat(hex(WbxmlEncoder.encode(unreachableDtd))).isEqualTo("02066A0085090361000" + "1");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "|the data ends inside the version",
        "02|the data ends inside the public id",
        "02076A00|public id 7 is neither SI (5) nor SL (6)",
        "020511|charset MIBenum 17",
        "02056A05|the string table claims 5 octets",
        "02056A0045|the data ends inside the content of <si>",
        "02056A0049|tag token 0x49 is not an element of SI",
        "02056A0044|token 0x44 where a tag was expected",
        "02056A0045C60D0378797A|inline string at offset 8 has no terminating NUL",
        "02056A0045860C0378008901|token 0x89 is not an attribute value token",
        "02056A004586110302000101|holds a character XML does not allow",
        "02056A004586C3|token 0xC3 is not an attribute start",
        "02056A0045860DC301190101|OPAQUE data in href",
        "02056A0045860A C3 08 1999062515231500 0101|a date is 1 to 7 octets, got 8",
        "02056A0045860A C3 01 1A 0101|a date octet is not two decimal digits",
        "02056A0045860A C3 05 19 0101|date claims 5 octets",
        "02056A00454683050101|string table reference 5 is outside the 0-octet table",
        "02056A00054001|2 octets follow the end of the root element",
        "02056A000601|the root element is <indication>, not <si>",
        "02056A00000105|code page 1",
        "02056A004545454545454545454545|elements nest deeper than 8",
        "0205808080808001|charset is longer than 5 octets",
        "02056A004503410001|<si> holds text",
    })
    void refusesMalformedWbxml(String wbxml, String reason) {
        byte[] data = wbxml == null ? new byte[0] : bytes(wbxml);
        assertThatThrownBy(() -> WbxmlDecoder.decode(data)).isInstanceOfSatisfying(PhoneCodecException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.WBXML_MALFORMED)).hasMessageContaining(reason);
    }

    @Test
    void readsTheStringTableAndEntities() {
        // string table "abc\0", href from it, text from an entity (U+4F59) and an inline string
        PushDocument si = WbxmlDecoder.decode(bytes("02056A0461626300 45 C6 0B 8300 01 02 819E59 032100 01 01"));
        PushElement indication = (PushElement) si.root().content().get(0);
        assertThat(indication.attributes().get(0).getValue()).isEqualTo("abc");
        assertThat(indication.content()).containsExactly("余!");
    }

    @Test
    void siAndSlSmsCarryTheWspPushToPort2948() throws IOException {
        String xml = resource("bulksms-si.xml");
        byte[] wbxml = WbxmlEncoder.encode(xml, PushDocumentType.SI);
        List<SmsPart> parts = WapPushSms.parts(WspPush.encode(0xDC, PushDocumentType.SI, false, wbxml), 1, false);
        assertThat(parts).hasSize(1);
        assertThat(hex(parts.get(0).shortMessage(false))).isEqualTo(hex(bytes(resource("bulksms-si.sms.hex").strip())));
        assertThat(parts.get(0).esmClass()).isEqualTo(0x40);
        assertThat(parts.get(0).dataCoding()).isEqualTo(0x04);

        byte[] sl = WspPush.encode(0x01, PushDocumentType.SL, true, WbxmlEncoder.encode("<sl href='http://a'/>"));
        assertThat(hex(sl)).isEqualTo("010603B0AF82" + "02066A0085090361000" + "1");
        WspPush decoded = WspPush.decode(sl);
        assertThat(decoded.contentType()).isEqualTo(0x30);
        assertThat(decoded.headers()).containsExactly(0xAF, 0x82);
    }

    @Test
    void aLongPushIsConcatenatedWithThePortsInEveryPart() {
        String longText = "Your e-ticket for the 18:05 train is ready. ".repeat(6);
        List<SmsPart> parts = WapPushSms.parts("<si><indication href='https://www.tapbus.org/t/8F3A'>" + longText
                + "</indication></si>", 0x2A, 0x77);
        assertThat(parts).hasSize(3);
        for (int i = 0; i < parts.size(); i++) {
            String udh = hex(parts.get(i).header().toBytes());
            assertThat(udh).isEqualTo("0B05040B8423F0000377" + "03" + String.format("%02X", i + 1));
        }
        byte[] joined = TestHex.joined(parts);
        WspPush push = WspPush.decode(joined);
        assertThat(push.transactionId()).isEqualTo(0x2A);
        PushElement indication = (PushElement) WbxmlDecoder.decode(push.content()).root().content().get(0);
        assertThat(indication.content()).containsExactly(longText.strip());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "0106|at least 3 octets",
        "010701AE|PDU type 0x07 is not Push",
        "010605AE|the headers claim 5 octets but 1 remain",
        "010602 05AE|value length 5 does not fit",
        "010603 616263|no terminating NUL",
        "0106 808080808001|longer than 5 octets",
    })
    void refusesMalformedWspPushes(String pdu, String reason) {
        assertThatThrownBy(() -> WspPush.decode(bytes(pdu))).isInstanceOfSatisfying(PhoneCodecException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.WSP_MALFORMED)).hasMessageContaining(reason);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = WbxmlTest.class.getResourceAsStream("wap/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
