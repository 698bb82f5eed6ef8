package io.tapbus.samples.smsc;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.PDUReader;
import org.jsmpp.PDUSender;
import org.jsmpp.bean.Command;

/**
 * Checks each PDU before jSMPP decodes it, because jSMPP 3.0.1 answers nothing at all to a submit_sm whose fields
 * run past its command_length (its decoder throws on a worker thread, and the ESME waits forever).
 * <ul>
 *   <li>bind_*, submit_sm: every C-Octet String must end, sm_length must fit, each TLV must fit, and a TLV of a
 *       fixed size must have it. If not, the answer is generic_nack ESME_RINVCMDLEN (0x02) with the PDU's
 *       sequence number, and the session stays bound: the next PDU starts where command_length said.</li>
 *   <li>enquire_link, unbind, responses and generic_nack go on unchanged.</li>
 *   <li>any other command (data_sm, query_sm, submit_multi, ...) is handed to jSMPP with a command id it does not
 *       know, so it answers generic_nack ESME_RINVCMDID (0x03): this SMSC does not offer them, and their bodies
 *       are never decoded.</li>
 * </ul>
 */
final class CheckingPduReader implements PDUReader {

    static final int ESME_RINVCMDLEN = 0x00000002;
    private static final int GENERIC_NACK = 0x80000000;
    private static final int NOT_OFFERED = 0x000007FF;
    /** TLVs of a fixed size (SMPP 3.4 §5.3.2): tag to length. */
    private static final Map<Integer, Integer> FIXED = Map.ofEntries(
            Map.entry(0x0005, 1), Map.entry(0x0006, 1), Map.entry(0x0007, 1), Map.entry(0x0008, 2),
            Map.entry(0x000D, 1), Map.entry(0x000E, 1), Map.entry(0x000F, 1), Map.entry(0x0010, 1),
            Map.entry(0x0017, 4), Map.entry(0x0019, 1), Map.entry(0x0030, 1), Map.entry(0x0201, 1),
            Map.entry(0x0204, 2), Map.entry(0x0205, 1), Map.entry(0x020A, 2), Map.entry(0x020B, 2),
            Map.entry(0x020C, 2), Map.entry(0x020D, 1), Map.entry(0x020E, 1), Map.entry(0x020F, 1),
            Map.entry(0x0210, 1), Map.entry(0x0302, 1), Map.entry(0x0421, 1), Map.entry(0x0422, 1),
            Map.entry(0x0423, 2), Map.entry(0x0424, 1), Map.entry(0x0425, 1), Map.entry(0x0426, 1),
            Map.entry(0x0427, 1), Map.entry(0x1201, 0), Map.entry(0x1380, 1), Map.entry(0x1383, 2),
            Map.entry(0x0501, 1));

    private final DefaultPDUReader reader = new DefaultPDUReader();
    private final PDUSender sender;
    private final OutputStream out;
    /** Told of every submit_sm read, well formed or not (the window the ESME keeps is counted from here). */
    private final Runnable submitRead;

    CheckingPduReader(PDUSender sender, OutputStream out, Runnable submitRead) {
        this.sender = sender;
        this.out = out;
        this.submitRead = submitRead;
    }

    @Override
    public Command readPDUHeader(DataInputStream in) throws InvalidCommandLengthException, IOException {
        return reader.readPDUHeader(in);
    }

    @Override
    public byte[] readPDU(DataInputStream in, Command header) throws IOException {
        byte[] pdu = reader.readPDU(in, header);
        int id = header.getCommandId();
        switch (id) {
            case 0x00000001, 0x00000002, 0x00000009 -> {
                if (!wellFormed(pdu, 3, 3, 1, 0)) {
                    return malformed(header);
                }
            }
            case 0x00000004 -> {
                if (!wellFormedSubmit(pdu)) {
                    return malformed(header);
                }
                submitRead.run();
            }
            case 0x00000006, 0x00000015, GENERIC_NACK -> {
                // no body to check
            }
            default -> {
                if ((id & GENERIC_NACK) == 0) {
                    header.setCommandId(NOT_OFFERED);
                    ByteBuffer.wrap(pdu).putInt(4, NOT_OFFERED);
                }
            }
        }
        return pdu;
    }

    @Override
    public byte[] readPDU(DataInputStream in, int length, int id, int status, int sequence) throws IOException {
        Command header = new Command();
        header.setCommandLength(length);
        header.setCommandId(id);
        header.setCommandStatus(status);
        header.setSequenceNumber(sequence);
        return readPDU(in, header);
    }

    /** Answers generic_nack ESME_RINVCMDLEN, then hands jSMPP an empty generic_nack, which it drops. */
    private byte[] malformed(Command header) throws IOException {
        sender.sendGenericNack(out, ESME_RINVCMDLEN, header.getSequenceNumber());
        header.setCommandId(GENERIC_NACK);
        header.setCommandLength(16);
        header.setCommandStatus(0);
        return ByteBuffer.allocate(16).putInt(16).putInt(GENERIC_NACK).putInt(0)
                .putInt(header.getSequenceNumber()).array();
    }

    /** A body of C-strings and fixed octets: {@code strings} strings, {@code octets}, strings, octets again. */
    private static boolean wellFormed(byte[] pdu, int strings, int octets, int moreStrings, int moreOctets) {
        int at = cStrings(pdu, 16, strings);
        at = at < 0 ? -1 : cStrings(pdu, at + octets, moreStrings);
        return at >= 0 && at + moreOctets <= pdu.length;
    }

    private static boolean wellFormedSubmit(byte[] pdu) {
        int at = cStrings(pdu, 16, 1); // service_type
        at = at < 0 ? -1 : cStrings(pdu, at + 2, 1); // source ton, npi, source_addr
        at = at < 0 ? -1 : cStrings(pdu, at + 2, 1); // dest ton, npi, destination_addr
        at = at < 0 ? -1 : cStrings(pdu, at + 3, 2); // esm_class, protocol_id, priority; two times
        if (at < 0 || at + 5 > pdu.length) {
            return false;
        }
        int smLength = pdu[at + 4] & 0xFF; // after registered_delivery, replace_if_present, data_coding, default id
        at += 5 + smLength;
        while (at < pdu.length) {
            if (at + 4 > pdu.length) {
                return false;
            }
            int tag = ((pdu[at] & 0xFF) << 8) | (pdu[at + 1] & 0xFF);
            int length = ((pdu[at + 2] & 0xFF) << 8) | (pdu[at + 3] & 0xFF);
            Integer fixed = FIXED.get(tag);
            if ((fixed != null && fixed != length) || at + 4 + length > pdu.length) {
                return false;
            }
            at += 4 + length;
        }
        return at == pdu.length;
    }

    /** The offset after {@code count} C-Octet Strings from {@code at}, or -1 when one does not end in the PDU. */
    private static int cStrings(byte[] pdu, int at, int count) {
        for (int n = 0; n < count; n++) {
            while (at < pdu.length && pdu[at] != 0) {
                at++;
            }
            if (at >= pdu.length) {
                return -1;
            }
            at++;
        }
        return at;
    }
}
