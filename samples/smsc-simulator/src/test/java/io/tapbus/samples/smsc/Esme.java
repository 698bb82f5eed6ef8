package io.tapbus.samples.smsc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;

/** An ESME for the tests: jSMPP's own client session, which keeps every deliver_sm it receives. */
final class Esme implements AutoCloseable {

    final SMPPSession session = new SMPPSession();
    final BlockingQueue<DeliverSm> delivered = new LinkedBlockingQueue<>();

    private Esme() {
    }

    static Esme bind(int port, BindType type, String systemId, String password) throws IOException {
        Esme esme = new Esme();
        esme.session.setTransactionTimer(5000);
        esme.session.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) {
                esme.delivered.add(deliverSm);
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
            }

            @Override
            public DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm dataSm, Session source) {
                return null;
            }
        });
        try {
            esme.session.connectAndBind("127.0.0.1", port, new BindParameter(type, systemId, password, "",
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5000);
        } catch (IOException e) {
            esme.session.close();
            throw e;
        }
        return esme;
    }

    static Esme transceiver(int port) throws IOException {
        return bind(port, BindType.BIND_TRX, SmscOptions.DEMO_SYSTEM_ID, SmscOptions.DEMO_PASSWORD);
    }

    /** The command_status a bind was refused with, from jSMPP's exception chain; 0 when it was not refused. */
    static int refusal(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NegativeResponseException n) {
                return n.getCommandStatus();
            }
        }
        return 0;
    }

    /** A GSM text submit_sm asking for a receipt; the user_message_reference TLV when {@code reference >= 0}. */
    String submit(String to, String text, int reference) throws Exception {
        OptionalParameter[] tlvs = reference < 0 ? new OptionalParameter[0]
                : new OptionalParameter[] {new OptionalParameter.User_message_reference((short) reference)};
        return session.submitShortMessage("", TypeOfNumber.NETWORK_SPECIFIC, NumberingPlanIndicator.UNKNOWN,
                "10690000", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to, new ESMClass(), (byte) 0,
                (byte) 0, null, null, new RegisteredDelivery(1), (byte) 0, DataCodings.ZERO,
                (byte) 0, text.getBytes(StandardCharsets.US_ASCII), tlvs).getMessageId();
    }

    @Override
    public void close() {
        session.unbindAndClose();
    }
}
