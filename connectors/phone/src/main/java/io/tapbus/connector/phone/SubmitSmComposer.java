package io.tapbus.connector.phone;

import io.tapbus.connector.phone.PhoneCodecException.Problem;
import java.util.ArrayList;
import java.util.List;
import org.jsmpp.PDUStringException;
import org.jsmpp.util.DefaultComposer;

/**
 * Whole SMPP 3.4 submit_sm PDUs (§4.4.1), from command_length on, composed by jSMPP's {@link DefaultComposer}: it
 * writes esm_class, data_coding and the short_message octets as given, so a part's UDHI bit (0x40) and alphabet go
 * through unchanged, and it checks field lengths. Schedule and validity are left to the SMSC's defaults.
 */
public final class SubmitSmComposer {

    private static final DefaultComposer JSMPP = new DefaultComposer();

    private SubmitSmComposer() {
    }

    /** One submit_sm carrying {@code part} to {@code destination}. */
    public static byte[] compose(int sequenceNumber, SubmitSettings settings, SmppAddress destination, SmsPart part) {
        SmppAddress source = settings.source();
        try {
            return JSMPP.submitSm(sequenceNumber, settings.serviceType(), (byte) source.ton(), (byte) source.npi(),
                    source.address(), (byte) destination.ton(), (byte) destination.npi(), destination.address(),
                    (byte) part.esmClass(), (byte) part.protocolId(), (byte) 0x00, null, null, (byte) settings.registeredDelivery(),
                    (byte) 0x00, (byte) part.dataCoding(), (byte) 0x00, part.shortMessage(settings.packedSeptets()));
        } catch (PDUStringException e) {
            throw new PhoneCodecException(Problem.BAD_ADDRESS, "submit_sm refused by the composer: " + e.getMessage());
        }
    }

    /** One submit_sm per part, with consecutive sequence numbers from {@code firstSequenceNumber}. */
    public static List<byte[]> compose(int firstSequenceNumber, SubmitSettings settings, SmppAddress destination,
            List<SmsPart> parts) {
        List<byte[]> pdus = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            pdus.add(compose(firstSequenceNumber + i, settings, destination, parts.get(i)));
        }
        return pdus;
    }
}
