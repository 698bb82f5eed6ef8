package io.tapbus.runtime.ota;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tapbus.connector.ota.OtaException;
import io.tapbus.connector.ota.RemoteResponse;
import io.tapbus.connector.ota.ResponsePacket;
import io.tapbus.connector.ota.Spi;
import io.tapbus.connector.ota.UserDataHeader;
import io.tapbus.connector.phone.DeliverSmPdu;
import io.tapbus.connector.phone.IncomingListener;
import io.tapbus.connector.phone.IncomingSms;
import io.tapbus.connector.common.Masking;
import io.tapbus.runtime.write.WritePath;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proofs of receipt from the cards: SIM data download messages (TP-PID 7F) whose user data header holds IEI 71, as
 * the SMSC delivers the card's SMS-SUBMIT. Each is verified with the keys of the command it names (the TAR is in
 * clear; the command's SPI says whether the PoR is ciphered and checksummed), matched to that command by TAR and
 * counter, and recorded through the write path before the deliver_sm is answered. A PoR that is refused changes
 * nothing: it is logged with its reason (never its content nor keys), counted in
 * {@code tapbus_ota_por_refused_total{reason}}, and acknowledged (an SMSC would only deliver it again).
 */
public final class OtaReceipts implements IncomingListener {
    private static final Logger LOG = LoggerFactory.getLogger(OtaReceipts.class);

    private record Candidate(String cardUid, int keySet, String spi) {}

    private static final class Refusal extends Exception {
        final String reason;

        Refusal(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    private final Jdbi jdbi;
    private final WritePath writes;
    private final OtaCommands commands;
    private final OtaKeyRing keys;
    private final MeterRegistry meters;
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();

    public OtaReceipts(Jdbi jdbi, WritePath writes, OtaCommands commands, OtaKeyRing keys, MeterRegistry meters) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.commands = commands;
        this.keys = keys;
        this.meters = meters;
    }

    @Override
    public void onIncoming(IncomingSms sms) {
        // texts are PhoneCommands' business; this listener only takes SIM data download messages
    }

    @Override
    public void onSimData(DeliverSmPdu pdu) {
        String from = Masking.msisdn("+" + pdu.source().address());
        try {
            String commandId = receive("+" + pdu.source().address(), pdu);
            LOG.info("OTA proof of receipt from {} recorded for {}", from, commandId);
        } catch (Refusal r) {
            refused.computeIfAbsent(r.reason, reason -> Counter.builder("tapbus_ota_por_refused")
                    .description("OTA proofs of receipt refused, by reason (nothing was changed)")
                    .tag("reason", reason).register(meters)).increment();
            LOG.warn("OTA proof of receipt from {} refused: {} ({})", from, r.reason, r.getMessage());
        }
    }

    private String receive(String msisdn, DeliverSmPdu pdu) throws Refusal {
        byte[] userData = pdu.shortMessage();
        byte[] tar = tarOf(pdu.esmClass(), userData);
        String tarHex = HexFormat.of().withUpperCase().formatHex(tar);
        List<Candidate> candidates = jdbi.withHandle(h -> h.createQuery("SELECT card_uid, key_set, spi, MAX(counter)"
                        + " FROM ota_command WHERE msisdn = ? AND tar = ? GROUP BY card_uid, key_set, spi"
                        + " ORDER BY MAX(counter) DESC").bind(0, msisdn).bind(1, tarHex)
                .map((rs, ctx) -> new Candidate(rs.getString(1), rs.getInt(2), rs.getString(3))).list());
        if (candidates.isEmpty()) {
            throw new Refusal("COUNTER_UNKNOWN", "no OTA command was sent to this number for TAR " + tarHex);
        }
        for (Candidate c : candidates) {
            ResponsePacket por = verify(c, userData);
            if (por == null) {
                continue; // not this key set's checksum
            }
            String statusWord = statusWord(por);
            try {
                return writes.execute(b -> commands.answered(b, c.cardUid(), c.keySet(), por, statusWord));
            } catch (OtaCommands.Refused r) {
                throw new Refusal(r.reason(), r.getMessage());
            }
        }
        throw new Refusal("CHECKSUM_FAILED", "rc_cc_ds_failed: the cryptographic checksum verifies with the keys of"
                + " no command sent to this number for TAR " + tarHex);
    }

    /** The verified PoR, or null when its checksum does not verify with this key set. */
    private ResponsePacket verify(Candidate c, byte[] userData) throws Refusal {
        Spi spi;
        try {
            spi = Spi.of(HexFormat.of().parseHex(c.spi()));
            ResponsePacket por = ResponsePacket.decode(userData,
                    keys.keys(c.cardUid(), keys.keySet(c.keySet())), spi.porCiphered());
            if (spi.porIntegrity() == Spi.Integrity.CRYPTOGRAPHIC_CHECKSUM && por.checksumLength() == 0) {
                throw new Refusal("CHECKSUM_MISSING", "the command asked for a checksummed proof of receipt and this"
                        + " one (status " + por.statusLabel() + ") has none");
            }
            return por;
        } catch (OtaException e) {
            if (e.kind() == OtaException.Kind.CHECKSUM_FAILED || e.kind() == OtaException.Kind.CIPHERING_FAILED) {
                return null;
            }
            throw new Refusal(e.kind().name(), e.getMessage());
        } catch (io.tapbus.runtime.domain.DomainError e) {
            throw new Refusal("KEY_SET_UNKNOWN", e.getMessage()); // key sets reconfigured since the command
        }
    }

    /** The TAR, in clear after UDH, RPL and RHL; the header must be a PoR's (IEI 71), not concatenated. */
    private static byte[] tarOf(int esmClass, byte[] userData) throws Refusal {
        if ((esmClass & 0x40) == 0) {
            throw new Refusal("MALFORMED", "a SIM data download message without a user data header is no proof of"
                    + " receipt");
        }
        try {
            UserDataHeader udh = UserDataHeader.read(userData);
            if (!udh.has(UserDataHeader.RESPONSE_PACKET)) {
                throw new Refusal("MALFORMED", "the user data header has no response packet identifier (IEI 71)");
            }
            if (udh.has(UserDataHeader.CONCATENATION) || udh.has(UserDataHeader.CONCATENATION_16)) {
                throw new Refusal("UNSUPPORTED", "a concatenated proof of receipt is not reassembled");
            }
            int at = udh.length() + 3;
            if (userData.length < at + 3) {
                throw new Refusal("MALFORMED", "the proof of receipt ends before its TAR (" + userData.length
                        + " octets)");
            }
            return java.util.Arrays.copyOfRange(userData, at, at + 3);
        } catch (OtaException e) {
            throw new Refusal("MALFORMED", e.getMessage());
        }
    }

    private static String statusWord(ResponsePacket por) throws Refusal {
        try {
            return por.remoteResponse().map(RemoteResponse::lastStatusWord)
                    .map(sw -> HexFormat.of().withUpperCase().formatHex(sw)).orElse(null);
        } catch (OtaException e) {
            throw new Refusal("MALFORMED", e.getMessage());
        }
    }
}
