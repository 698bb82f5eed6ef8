package io.tapbus.connector.phone;

import io.tapbus.connector.phone.UserDataHeader.Ports;
import java.util.List;

/**
 * WAP Push over SMS (WAP-259 WDP §6.5): the WSP push PDU as 8-bit binary short messages (data_coding 0x04) whose
 * user data header addresses the push port, destination 2948 from source 9200, with 16-bit ports (IEI 0x05); when
 * the PDU does not fit 133 octets, every part also carries a concatenation element (128 octets a part).
 */
public final class WapPushSms {

    public static final int PUSH_PORT = 2948;
    public static final int WSP_CONNECTIONLESS_PORT = 9200;
    public static final Ports PUSH_PORTS = new Ports(PUSH_PORT, WSP_CONNECTIONLESS_PORT);

    private WapPushSms() {
    }

    /** Parts carrying a WSP push PDU. */
    public static List<SmsPart> parts(byte[] wspPush, int reference, boolean sixteenBitReference) {
        return SmsEncoder.binary(wspPush, List.of(UserDataHeader.ports(PUSH_PORTS)), reference, sixteenBitReference);
    }

    /** Parts carrying an SI or SL document given as XML. */
    public static List<SmsPart> parts(String xml, int transactionId, int reference) {
        PushDocument document = WbxmlEncoder.parse(xml);
        byte[] wbxml = WbxmlEncoder.encode(document);
        return parts(WspPush.encode(transactionId, document.type(), false, wbxml), reference, false);
    }
}
