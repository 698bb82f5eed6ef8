package io.tapbus.samples.smsc;

import io.tapbus.connector.phone.PhoneCodecException;
import io.tapbus.connector.phone.SmppAddress;
import io.tapbus.connector.phone.SmsEncoder;
import io.tapbus.connector.phone.SmsPart;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.SMPPServerSession;

/**
 * A mobile-originated message: a deliver_sm from a phone number to the short code, to the ESME bound as receiver or
 * transceiver. The text is encoded as a phone would send it (connectors/phone's {@link SmsEncoder}): GSM 7-bit when
 * it fits the alphabet, else UCS-2, and split with an 8-bit concatenation UDH when long.
 */
public final class MoSender {

    private final SmscSimulator simulator;
    private final Stats stats;
    private final SmppAddress shortCode;
    private final AtomicInteger references = new AtomicInteger();
    private final MoRoundTrips roundTrips;

    MoSender(SmscSimulator simulator, Stats stats, String shortCode, MoRoundTrips roundTrips) {
        this.roundTrips = roundTrips;
        this.simulator = simulator;
        this.stats = stats;
        this.shortCode = SmppAddress.source(shortCode);
    }

    /** Sends the message, one deliver_sm per part in order; returns the reply line, throws when it cannot. */
    public String send(String msisdn, String text) throws UsageException {
        SmppAddress from;
        try {
            from = SmppAddress.msisdn(msisdn);
        } catch (PhoneCodecException e) {
            throw new UsageException("'" + msisdn + "' is not an E.164 number, such as +8613800138000");
        }
        if (text.isEmpty()) {
            throw new UsageException("mo needs a text after the number");
        }
        List<SmsPart> parts;
        try {
            parts = SmsEncoder.text(text, references.incrementAndGet() & 0xFF, false);
        } catch (PhoneCodecException e) {
            throw new UsageException("the text cannot be sent as SMS: " + e.problem());
        }
        SMPPServerSession session = simulator.receiver(null).orElseThrow(() ->
                new UsageException("no ESME is bound as receiver or transceiver"));
        roundTrips.moSent(from.address());
        for (int i = 0; i < parts.size(); i++) {
            SmsPart part = parts.get(i);
            try {
                session.deliverShortMessage("", TypeOfNumber.valueOf((byte) from.ton()),
                        NumberingPlanIndicator.valueOf((byte) from.npi()), from.address(),
                        TypeOfNumber.valueOf((byte) shortCode.ton()), NumberingPlanIndicator.valueOf((byte) shortCode.npi()),
                        shortCode.address(), new ESMClass(part.esmClass()), (byte) 0, (byte) 0, new RegisteredDelivery(0),
                        DataCodings.newInstance((byte) part.dataCoding()), part.shortMessage(false));
            } catch (NegativeResponseException e) {
                roundTrips.moFailed(from.address());
                throw new UsageException("the ESME refused part " + (i + 1) + " of " + parts.size() + " with 0x"
                        + String.format("%08X", e.getCommandStatus()));
            } catch (Exception e) {
                roundTrips.moFailed(from.address());
                throw new UsageException("part " + (i + 1) + " of " + parts.size() + " not delivered: "
                        + e.getClass().getSimpleName());
            }
        }
        stats.mo.increment();
        return "ok mo from +" + from.address() + " to " + shortCode.address() + ": " + parts.size()
                + (parts.size() == 1 ? " part, " : " parts, ") + (parts.get(0).dataCoding() == 0x08 ? "UCS-2" : "GSM 7-bit");
    }
}
