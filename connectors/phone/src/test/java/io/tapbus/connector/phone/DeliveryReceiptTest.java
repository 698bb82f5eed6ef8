package io.tapbus.connector.phone;

import static io.tapbus.connector.phone.TestHex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.phone.PhoneCodecException.Problem;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Delivery receipts: the published receipts of {@link PublishedPdus}, and the receipt text of SMPP 3.4 Appendix B. */
class DeliveryReceiptTest {

    @Test
    void readsAReceiptWithItsTlvs() {
        DeliverSmPdu pdu = DeliverSmDecoder.decode(bytes(PublishedPdus.RECEIPT_WITH_TLVS));
        assertThat(pdu.esmClass()).isEqualTo(0x04);
        assertThat(pdu.isDeliveryReceipt()).isTrue();
        DeliveryReceipt r = DeliveryReceipt.from(pdu);
        assertThat(r.messageId()).isEqualTo("38601fa");   // the TLV wins
        assertThat(r.textId()).isEqualTo("0059113978");   // the text's decimal id
        assertThat(r.state()).isEqualTo(MessageState.DELIVERED);
        assertThat(r.submitted()).isEqualTo(1);
        assertThat(r.delivered()).isEqualTo(1);
        assertThat(r.submitDate()).isEqualTo(LocalDateTime.of(2010, 2, 10, 17, 30));
        assertThat(r.doneDate()).isEqualTo(LocalDateTime.of(2010, 2, 10, 17, 31));
        assertThat(r.error()).isEqualTo("000");
        assertThat(r.text()).isEqualTo("@$#!%&/:");
    }

    @Test
    void readsAReceiptFromItsTextAlone() {
        DeliveryReceipt r = DeliveryReceipt.from(DeliverSmDecoder.decode(bytes(PublishedPdus.RECEIPT_ACCEPTED)));
        assertThat(r.messageId()).isEqualTo("94251430923");
        assertThat(r.state()).isEqualTo(MessageState.ACCEPTED);
        assertThat(r.state().isFinal()).isFalse();
        assertThat(r.error()).isEqualTo("107");
        assertThat(r.submitDate()).isEqualTo(LocalDateTime.of(2009, 11, 4, 1, 24));
        assertThat(r.text()).isEqualTo(" 26F102");
    }

    @Test
    void readsACapitalisedTextKeyAndANulTerminatedIdTlv() {
        DeliverSmPdu pdu = DeliverSmDecoder.decode(bytes(PublishedPdus.RECEIPT_LATIN1));
        assertThat(pdu.dataCoding()).isEqualTo(0x03);
        DeliveryReceipt r = DeliveryReceipt.from(pdu);
        assertThat(r.messageId()).isEqualTo("126e85a6edeac1a02020099312479564");
        assertThat(r.state()).isEqualTo(MessageState.DELIVERED);
        assertThat(r.text()).startsWith("Hello");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ENROUTE, ENROUTE, 1", "DELIVRD, DELIVERED, 2", "EXPIRED, EXPIRED, 3", "DELETED, DELETED, 4",
        "UNDELIV, UNDELIVERABLE, 5", "ACCEPTD, ACCEPTED, 6", "UNKNOWN, UNKNOWN, 7", "REJECTD, REJECTED, 8",
        "delivrd, DELIVERED, 2", "DELIVERED, DELIVERED, 2", "FAILED, UNKNOWN, 7"})
    void mapsEveryStateOfTheReceiptTextAndTheTlv(String stat, MessageState state, int code) {
        DeliverSmPdu pdu = receipt("id:A1 sub:001 dlvrd:000 submit date:2401021530 done date:2401021531 stat:" + stat
                + " err:000 text:hi", List.of());
        assertThat(DeliveryReceipt.from(pdu).state()).isEqualTo(state);
        assertThat(MessageState.ofCode(code)).isEqualTo(state);
    }

    @Test
    void theMessageStateTlvWinsOverTheText() {
        DeliverSmPdu pdu = receipt("id:A1 stat:DELIVRD", List.of(new Tlv(Tlv.MESSAGE_STATE, new byte[] {5}),
                new Tlv(Tlv.RECEIPTED_MESSAGE_ID, "B2\0".getBytes())));
        DeliveryReceipt r = DeliveryReceipt.from(pdu);
        assertThat(r.state()).isEqualTo(MessageState.UNDELIVERABLE);
        assertThat(r.messageId()).isEqualTo("B2");
        assertThat(r.textId()).isEqualTo("A1");
        assertThat(r.submitDate()).isNull();
        assertThat(r.submitted()).isEqualTo(-1);
    }

    @Test
    void writesTheUsualReceiptTextBack() {
        DeliveryReceipt r = DeliveryReceipt.from(DeliverSmDecoder.decode(bytes(PublishedPdus.RECEIPT_ACCEPTED)));
        assertThat(r.toReceiptText()).isEqualTo("id:94251430923 sub:001 dlvrd:001 submit date:0911040124"
                + " done date:0911040124 stat:ACCEPTD err:107 text: 26F102");
    }

    @Test
    void aReceiptWithoutIdOrStateIsRefused() {
        assertThatThrownBy(() -> DeliveryReceipt.from(receipt("sub:001 stat:DELIVRD", List.of())))
                .isInstanceOfSatisfying(PhoneCodecException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.RECEIPT_UNREADABLE))
                .hasMessageContaining("without receipted_message_id and without id:");
        assertThatThrownBy(() -> DeliveryReceipt.from(receipt("id:77 err:000", List.of())))
                .hasMessageContaining("without a one-octet message_state and without stat:");
        DeliverSmPdu notAReceipt = DeliverSmDecoder.decode(bytes(PublishedPdus.DELIVER_SM));
        assertThatThrownBy(() -> DeliveryReceipt.from(notAReceipt)).hasMessageContaining("is not a delivery receipt");
    }

    @Test
    void theIdKeyIsNotFoundInsideAnotherKey() {
        assertThat(DeliveryReceipt.field("sub:001 dlvrd:001 id:9", "id:")).isEqualTo("9");
        assertThat(DeliveryReceipt.field("dlvrd:001", "id:")).isNull();
    }

    private static DeliverSmPdu receipt(String text, List<Tlv> tlvs) {
        return new DeliverSmPdu(1, "", new SmppAddress(1, 1, "8613800138000"), new SmppAddress(3, 0, "10690000"),
                DeliverSmPdu.SMSC_DELIVERY_RECEIPT, 0, 0, "", "", 0, 0, 0, 0, text.getBytes(), tlvs);
    }
}
