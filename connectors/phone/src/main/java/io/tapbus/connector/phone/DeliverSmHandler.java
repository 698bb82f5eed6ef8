package io.tapbus.connector.phone;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the deliver_sm jSMPP hands over, decodes it with {@link DeliverSmDecoder}'s rules (as a {@link DeliverSmPdu})
 * and passes it on: a receipt to the {@link ReceiptListener}, a SIM data download message (protocol id 0x7F, such as
 * an OTA proof of receipt) to {@link IncomingListener#onSimData}, a text to the {@link IncomingListener} once all its
 * parts are in. A deliver_sm that does not decode is answered with deliver_sm_resp ESME_RX_P_APPN (0x64, a
 * permanent error: the SMSC should not deliver it again) and a log line naming the problem, never the content.
 * A deliver_sm jSMPP cannot decompose is answered by jSMPP itself with generic_nack.
 */
final class DeliverSmHandler implements MessageReceiverListener {

    /** SMPP 3.4 §5.1.3 ESME_RX_P_APPN: ESME receiver permanent application error. */
    static final int UNUSABLE_STATUS = 0x00000064;
    /** ESME_RX_T_APPN: temporary application error, the SMSC tries again later. */
    static final int LISTENER_FAILED_STATUS = 0x00000065;
    private static final Logger LOG = LoggerFactory.getLogger(DeliverSmHandler.class);

    private final ReceiptListener receipts;
    private final IncomingListener incoming;
    private final Reassembler reassembler = new Reassembler(1000);

    DeliverSmHandler(ReceiptListener receipts, IncomingListener incoming) {
        this.receipts = receipts;
        this.incoming = incoming;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        try {
            DeliverSmPdu pdu = toPdu(deliverSm);
            if (pdu.isDeliveryReceipt()) {
                receipts.onReceipt(DeliveryReceipt.from(pdu), pdu);
            } else if (pdu.protocolId() == IncomingListener.SIM_DATA_DOWNLOAD) {
                incoming.onSimData(pdu);
            } else {
                text(pdu).ifPresent(incoming::onIncoming);
            }
        } catch (PhoneCodecException e) {
            LOG.warn("deliver_sm sequence {} from TON {} refused with 0x{}: {} ({})", deliverSm.getSequenceNumber(),
                    deliverSm.getSourceAddrTon(), Integer.toHexString(UNUSABLE_STATUS), e.problem(), e.getMessage());
            throw new ProcessRequestException(e.problem().name(), UNUSABLE_STATUS);
        } catch (RuntimeException e) {
            LOG.error("deliver_sm sequence {}: a listener failed, answered 0x{} so that the SMSC delivers it again",
                    deliverSm.getSequenceNumber(), Integer.toHexString(LISTENER_FAILED_STATUS), e);
            throw new ProcessRequestException("listener failed", LISTENER_FAILED_STATUS);
        }
    }

    private Optional<IncomingSms> text(DeliverSmPdu pdu) {
        SmsDecoder.Incoming in = SmsDecoder.decode(pdu.esmClass(), pdu.dataCoding(), pdu.shortMessage());
        String text = in.text() == null ? "" : in.text();
        Optional<String> whole = in.header().concatenation()
                .map(c -> reassembler.add(pdu.source().address(), c, text))
                .orElse(Optional.of(text));
        return whole.map(t -> new IncomingSms(pdu.source(), pdu.destination(), in.alphabet(), t));
    }

    /** The jSMPP bean as the record the codecs read; TLVs are taken from their wire form. */
    static DeliverSmPdu toPdu(DeliverSm d) {
        List<Tlv> tlvs = new ArrayList<>();
        byte[] shortMessage = d.getShortMessage() == null ? new byte[0] : d.getShortMessage();
        OptionalParameter[] params = d.getOptionalParameters();
        if (params != null) {
            for (OptionalParameter p : params) {
                byte[] wire = p.serialize();
                byte[] value = java.util.Arrays.copyOfRange(wire, 4, wire.length);
                Tlv tlv = new Tlv(p.tag & 0xFFFF, value);
                if (tlv.tag() == Tlv.MESSAGE_PAYLOAD && shortMessage.length == 0) {
                    shortMessage = value;
                }
                tlvs.add(tlv);
            }
        }
        return new DeliverSmPdu(d.getSequenceNumber() & 0xFFFFFFFFL, nullToEmpty(d.getServiceType()),
                new SmppAddress(d.getSourceAddrTon() & 0xFF, d.getSourceAddrNpi() & 0xFF,
                        nullToEmpty(d.getSourceAddr())),
                new SmppAddress(d.getDestAddrTon() & 0xFF, d.getDestAddrNpi() & 0xFF, nullToEmpty(d.getDestAddress())),
                d.getEsmClass() & 0xFF, d.getProtocolId() & 0xFF, d.getPriorityFlag() & 0xFF,
                nullToEmpty(d.getScheduleDeliveryTime()), nullToEmpty(d.getValidityPeriod()),
                d.getRegisteredDelivery() & 0xFF, d.getReplaceIfPresent() & 0xFF, d.getDataCoding() & 0xFF,
                d.getSmDefaultMsgId() & 0xFF, shortMessage, tlvs);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        // TapBus does not ask for alerts (no data_sm, no set_dpf); nothing to do
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not supported", 0x00000003);
    }
}
