package io.tapbus.connector.phone;

import io.tapbus.connector.phone.PhoneCodecException.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes a whole deliver_sm PDU (from command_length on). Every length is checked against the bytes there are:
 * command_length must be the PDU's size, C-Octet Strings must end within their maximum size, sm_length and each
 * TLV's length must fit. A PDU that breaks a rule is a {@link PhoneCodecException} naming the field.
 */
public final class DeliverSmDecoder {

    public static final int DELIVER_SM = 0x00000005;
    private static final int HEADER = 16;

    private DeliverSmDecoder() {
    }

    public static DeliverSmPdu decode(byte[] pdu) {
        Reader r = new Reader(pdu);
        long commandLength = r.uint32("command_length");
        if (commandLength != pdu.length) {
            throw malformed("command_length is " + commandLength + " but the PDU has " + pdu.length + " octets");
        }
        long commandId = r.uint32("command_id");
        if (commandId != DELIVER_SM) {
            throw new PhoneCodecException(Problem.PDU_UNEXPECTED_COMMAND,
                    String.format("command_id 0x%08X is not deliver_sm (0x00000005)", commandId));
        }
        r.uint32("command_status");
        long sequence = r.uint32("sequence_number");
        String serviceType = r.cString("service_type", 6);
        SmppAddress source = new SmppAddress(r.octet("source_addr_ton"), r.octet("source_addr_npi"),
                r.cString("source_addr", SmppAddress.MAX_ADDRESS + 1));
        SmppAddress destination = new SmppAddress(r.octet("dest_addr_ton"), r.octet("dest_addr_npi"),
                r.cString("destination_addr", SmppAddress.MAX_ADDRESS + 1));
        int esmClass = r.octet("esm_class");
        int protocolId = r.octet("protocol_id");
        int priority = r.octet("priority_flag");
        String schedule = r.cString("schedule_delivery_time", 17);
        String validity = r.cString("validity_period", 17);
        int registeredDelivery = r.octet("registered_delivery");
        int replace = r.octet("replace_if_present_flag");
        int dataCoding = r.octet("data_coding");
        int defaultMsgId = r.octet("sm_default_msg_id");
        int smLength = r.octet("sm_length");
        byte[] shortMessage = r.bytes("short_message", smLength);
        List<Tlv> tlvs = new ArrayList<>();
        while (r.remaining() > 0) {
            int tag = r.uint16("TLV tag");
            int length = r.uint16(String.format("length of TLV 0x%04X", tag));
            tlvs.add(new Tlv(tag, r.bytes(String.format("value of TLV 0x%04X", tag), length)));
        }
        for (Tlv tlv : tlvs) {
            if (tlv.tag() == Tlv.MESSAGE_PAYLOAD) {
                if (smLength > 0) {
                    throw malformed("both short_message (" + smLength + " octets) and message_payload are present");
                }
                shortMessage = tlv.value();
            }
        }
        return new DeliverSmPdu(sequence, serviceType, source, destination, esmClass, protocolId, priority, schedule,
                validity, registeredDelivery, replace, dataCoding, defaultMsgId, shortMessage, tlvs);
    }

    private static PhoneCodecException malformed(String message) {
        return new PhoneCodecException(Problem.PDU_MALFORMED, "deliver_sm: " + message);
    }

    /** Sequential reads that fail with the field's name when the bytes run out. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int remaining() {
            return bytes.length - position;
        }

        private void need(String field, int n) {
            if (remaining() < n) {
                throw malformed(field + " needs " + n + " octets at offset " + position + " but " + remaining()
                        + " remain");
            }
        }

        int octet(String field) {
            need(field, 1);
            return bytes[position++] & 0xFF;
        }

        int uint16(String field) {
            need(field, 2);
            int v = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
            position += 2;
            return v;
        }

        long uint32(String field) {
            need(field, 4);
            long v = 0;
            for (int i = 0; i < 4; i++) {
                v = (v << 8) | (bytes[position + i] & 0xFF);
            }
            position += 4;
            return v;
        }

        byte[] bytes(String field, int n) {
            need(field, n);
            byte[] v = Arrays.copyOfRange(bytes, position, position + n);
            position += n;
            return v;
        }

        /** A C-Octet String of at most {@code max} octets including its NUL. */
        String cString(String field, int max) {
            int start = position;
            int end = start;
            while (end < bytes.length && bytes[end] != 0 && end - start < max) {
                end++;
            }
            if (end >= bytes.length) {
                throw malformed(field + " at offset " + start + " has no terminating NUL before the end of the PDU");
            }
            if (bytes[end] != 0) {
                throw malformed(field + " at offset " + start + " is longer than its " + (max - 1) + " characters");
            }
            position = end + 1;
            return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        }
    }
}
