package io.tapbus.connector.phone;

import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.EnquireLink;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;

/**
 * The SMSC side of jSMPP's server API for an SMSC that takes submit_sm only (the simulator of samples/smsc-simulator
 * and the SMSCs tests start): every other operation an ESME may ask for is answered with the SMPP 3.4 negative
 * response ESME_RINVCMDID (0x03, "invalid command ID"), so a subclass implements {@code onAcceptSubmitSm} alone.
 */
public abstract class SubmitOnlySmsc implements ServerMessageReceiverListener {
    /** SMPP 3.4 §5.1.3: invalid command ID. */
    public static final int ESME_RINVCMDID = 0x03;

    @Override
    public void onAcceptEnquireLink(EnquireLink enquireLink, Session source) {
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
            throws ProcessRequestException {
        throw notOffered();
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
        throw notOffered();
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
        throw notOffered();
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
        throw notOffered();
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw notOffered();
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw notOffered();
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
            SMPPServerSession source) throws ProcessRequestException {
        throw notOffered();
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw notOffered();
    }

    private static ProcessRequestException notOffered() {
        return new ProcessRequestException("not offered by this SMSC", ESME_RINVCMDID);
    }
}
