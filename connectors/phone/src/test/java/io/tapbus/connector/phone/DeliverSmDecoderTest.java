package io.tapbus.connector.phone;

import static io.tapbus.connector.phone.TestHex.bytes;
import static io.tapbus.connector.phone.TestHex.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.phone.PhoneCodecException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * deliver_sm decoding. The PDUs are those of cloudhopper-smpp's PduDecoderTest (twitter-archive/cloudhopper-smpp),
 * captured from real SMSCs: an incoming message with network type TLVs, one with message_payload, one with a large
 * sequence number, and the one whose sm_length claims more than the PDU holds ("MX nextel parsing exception in real
 * world"). {@link PublishedPdus} holds them.
 */
class DeliverSmDecoderTest {

    @Test
    void decodesAnIncomingMessageWithTlvs() {
        DeliverSmPdu pdu = DeliverSmDecoder.decode(bytes(PublishedPdus.DELIVER_SM));
        assertThat(pdu.sequenceNumber()).isEqualTo(3);
        assertThat(pdu.serviceType()).isEmpty();
        assertThat(pdu.source()).isEqualTo(new SmppAddress(0x02, 0x01, "87654321"));
        assertThat(pdu.destination()).isEqualTo(new SmppAddress(0x04, 0x09, "40404"));
        assertThat(pdu.esmClass()).isZero();
        assertThat(pdu.dataCoding()).isZero();
        assertThat(hex(pdu.shortMessage())).isEqualTo("4024232125262F3A");
        assertThat(pdu.tlvs()).extracting(Tlv::tag).containsExactly(0x000E, 0x0006);
        assertThat(pdu.isDeliveryReceipt()).isFalse();
        SmsDecoder.Incoming incoming = SmsDecoder.decode(pdu.esmClass(), pdu.dataCoding(), pdu.shortMessage());
        assertThat(incoming.text()).isEqualTo("¡¤#!%&/:"); // the octets read in the GSM default alphabet
    }

    @Test
    void takesTheMessageFromMessagePayloadWhenSmLengthIsZero() {
        DeliverSmPdu pdu = DeliverSmDecoder.decode(bytes(PublishedPdus.DELIVER_SM_WITH_PAYLOAD));
        assertThat(pdu.sequenceNumber()).isEqualTo(346091);
        assertThat(pdu.source().address()).isEqualTo("4495136192");
        assertThat(SmsDecoder.decode(pdu.esmClass(), pdu.dataCoding(), pdu.shortMessage()).text())
                .isEqualTo("¡Maidenman664 was it sappy? &Romantic?");
    }

    @Test
    void readsTheSequenceNumberUnsignedAndTheServiceType() {
        DeliverSmPdu pdu = DeliverSmDecoder.decode(bytes(PublishedPdus.DELIVER_SM_LARGE_SEQUENCE));
        assertThat(pdu.sequenceNumber()).isEqualTo(0xA2859F22L);
        assertThat(pdu.serviceType()).isEqualTo("1001");
        assertThat(pdu.destination().address()).isEqualTo("4040404040404040");
        assertThat(pdu.dataCoding()).isEqualTo(0x08);
        assertThat(pdu.shortMessage()).isEmpty();
    }

    @Test
    void anIncomingConcatenatedPartGivesItsHeaderAndText() {
        // built with the encoder, read back as an SMSC would deliver it
        SmsPart part = SmsEncoder.text("余额".repeat(40), 0x21, false).get(1);
        SmsDecoder.Incoming in = SmsDecoder.decode(part.esmClass(), part.dataCoding(), part.shortMessage(false));
        assertThat(in.header().concatenation()).contains(new UserDataHeader.Concatenation(0x21, 2, 2, false));
        assertThat(in.text()).isEqualTo("额" + "余额".repeat(6));
    }

    @Test
    void anSmLengthBeyondThePduIsRefused() {
        assertThatThrownBy(() -> DeliverSmDecoder.decode(bytes(PublishedPdus.DELIVER_SM_SM_LENGTH_TOO_LONG)))
                .isInstanceOfSatisfying(PhoneCodecException.class, e -> assertThat(e.problem())
                        .isEqualTo(Problem.PDU_MALFORMED)).hasMessageContaining("short_message needs 16 octets");
    }

    @Test
    void anotherCommandIsRefused() {
        assertThatThrownBy(() -> DeliverSmDecoder.decode(bytes("00000039000000040000000000004FE8000101343034303400010134"
                + "3439353133363139323000000000000001000000084024232125262F3A")))
                .isInstanceOfSatisfying(PhoneCodecException.class, e -> assertThat(e.problem())
                        .isEqualTo(Problem.PDU_UNEXPECTED_COMMAND)).hasMessageContaining("0x00000004");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "000000|command_length needs 4 octets",
        "0000001000000005000000000000000300|command_length is 16 but the PDU has 17 octets",
    })
    void aWrongCommandLengthIsRefused(String pdu, String reason) {
        assertThatThrownBy(() -> DeliverSmDecoder.decode(bytes(pdu))).isInstanceOfSatisfying(PhoneCodecException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.PDU_MALFORMED)).hasMessageContaining(reason);
    }

    /** A deliver_sm up to its short message: no service type, 1 to 2, one octet "A". */
    private static final String BODY = "000000050000000000000003" + "00" + "0101" + "3100" + "0101" + "3200"
            + "000000" + "00" + "00" + "000000" + "00" + "01" + "41";

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "0000000500000000000000030F|service_type at offset 16 has no terminating NUL",
        "00000005000000000000000300 0101 414243|source_addr at offset 19 has no terminating NUL",
        "00000005000000000000000341424344454647|service_type at offset 16 is longer than its 5 characters",
        "BODY 00|TLV tag needs 2 octets",
        "BODY 000E|length of TLV 0x000E needs 2 octets",
        "BODY 000E0002 01|value of TLV 0x000E needs 2 octets",
    })
    void truncatedOrOverlongFieldsAreRefused(String afterLength, String reason) {
        byte[] pdu = withCommandLength(afterLength.replace("BODY", BODY));
        assertThatThrownBy(() -> DeliverSmDecoder.decode(pdu)).isInstanceOfSatisfying(PhoneCodecException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.PDU_MALFORMED)).hasMessageContaining(reason);
    }

    @Test
    void theBodyOfTheseCasesIsItselfValid() {
        DeliverSmPdu pdu = DeliverSmDecoder.decode(withCommandLength(BODY));
        assertThat(pdu.source().address()).isEqualTo("1");
        assertThat(pdu.shortMessage()).containsExactly(0x41);
    }

    static byte[] withCommandLength(String afterLength) {
        byte[] body = bytes(afterLength);
        byte[] pdu = new byte[body.length + 4];
        java.nio.ByteBuffer.wrap(pdu).putInt(pdu.length).put(body);
        return pdu;
    }

    @Test
    void bothShortMessageAndPayloadAreRefused() {
        byte[] pdu = withCommandLength(BODY + "042400024F6B");
        assertThatThrownBy(() -> DeliverSmDecoder.decode(pdu)).isInstanceOf(PhoneCodecException.class)
                .hasMessageContaining("both short_message (1 octets) and message_payload");
    }
}
