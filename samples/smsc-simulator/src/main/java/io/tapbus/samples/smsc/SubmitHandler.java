package io.tapbus.samples.smsc;

import io.tapbus.connector.phone.SubmitOnlySmsc;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerResponseDeliveryListener;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;

/**
 * Answers submit_sm: refused with ESME_RMSGQFUL or ESME_RTHROTTLED when the {@link Behaviour} says so, else with a
 * new message id. Once the submit_sm_resp is on the wire, the receipt is scheduled (so that it never overtakes the
 * response). The other operations are answered ESME_RINVCMDID, as an SMSC that does not offer them.
 */
final class SubmitHandler extends SubmitOnlySmsc implements ServerResponseDeliveryListener {

    private static final OptionalParameter[] NO_TLVS = new OptionalParameter[0];

    private final Behaviour behaviour;
    private final Stats stats;
    private final MessagePrinter printer;
    private final ReceiptSender receipts;
    private final int logEvery;
    private final Consumer<String> out;
    private final SmscSimulator simulator;
    /** Message ids are unique across restarts: the start time in microseconds, plus a counter. */
    private final long idBase = System.currentTimeMillis() * 1000;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Submitted> awaitingResponse = new ConcurrentHashMap<>();
    private final MoRoundTrips roundTrips;

    SubmitHandler(Behaviour behaviour, Stats stats, MessagePrinter printer, ReceiptSender receipts, int logEvery,
            Consumer<String> out, SmscSimulator simulator, MoRoundTrips roundTrips) {
        this.roundTrips = roundTrips;
        this.behaviour = behaviour;
        this.stats = stats;
        this.printer = printer;
        this.receipts = receipts;
        this.logEvery = logEvery;
        this.out = out;
        this.simulator = simulator;
    }

    /** A submit_sm was read from the wire (counted in flight until it is answered). */
    void submitRead() {
        stats.submitRead();
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession session) throws ProcessRequestException {
        int refusal = behaviour.refusal();
        if (refusal != 0) {
            stats.submitAnswered();
            (refusal == Behaviour.ESME_RMSGQFUL ? stats.queueFull : stats.throttled).increment();
            throw new ProcessRequestException(refusal == Behaviour.ESME_RMSGQFUL ? "queue full" : "throttled", refusal);
        }
        roundTrips.submitted(submit.getDestAddress());
        long n = ids.incrementAndGet();
        String id = Long.toString(idBase + n);
        stats.submits.increment();
        int registered = submit.getRegisteredDelivery() & 0x03;
        if (registered == 1 || registered == 2) {
            OptionalParameter ref = submit.getOptionalParameter(OptionalParameter.Tag.USER_MESSAGE_REFERENCE);
            int reference = ref instanceof OptionalParameter.Short s ? s.getValue() & 0xFFFF : -1;
            awaitingResponse.put(id, new Submitted(id, submit.getSourceAddrTon(), submit.getSourceAddrNpi(),
                    submit.getSourceAddr(), submit.getDestAddrTon(), submit.getDestAddrNpi(), submit.getDestAddress(),
                    reference, System.currentTimeMillis(), registered == 2));
        }
        printer.submitted(id, submit);
        if (logEvery > 0 && n % logEvery == 0) {
            out.accept(simulator.statsLine());
        }
        try {
            return new SubmitSmResult(new MessageId(id), NO_TLVS);
        } catch (PDUStringException e) {
            stats.submitAnswered();
            throw new ProcessRequestException("message id", 0x08); // ESME_RSYSERR; a decimal id is always valid
        }
    }

    @Override
    public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession session) {
        stats.submitAnswered();
        Submitted submitted = awaitingResponse.remove(result.getMessageId());
        if (submitted != null) {
            receipts.schedule(submitted, session);
        }
    }

    @Override
    public void onSubmitSmRespError(SubmitSmResult result, Exception e, SMPPServerSession session) {
        stats.submitAnswered();
        awaitingResponse.remove(result.getMessageId()); // the ESME never learnt the id: no receipt
    }

    @Override
    public void onSubmitMultiRespSent(SubmitMultiResult result, SMPPServerSession session) {
    }

    @Override
    public void onSubmitMultiRespError(SubmitMultiResult result, Exception e, SMPPServerSession session) {
    }
}
