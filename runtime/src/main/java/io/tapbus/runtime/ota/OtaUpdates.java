package io.tapbus.runtime.ota;

import io.tapbus.connector.ota.CardKeySet;
import io.tapbus.connector.ota.CommandPacket;
import io.tapbus.connector.ota.OtaException;
import io.tapbus.connector.ota.OtaKeys;
import io.tapbus.connector.ota.SmsDataDownload;
import io.tapbus.connector.ota.Spi;
import io.tapbus.connector.phone.PhoneCodecException;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.connector.common.Masking;
import io.tapbus.runtime.phone.SmsOutbox;
import io.tapbus.runtime.write.WritePath;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an OTA update to a universal card: the commands ({@link OtaScript}) secured as a TS 102 225 command packet
 * with the card's keys ({@link OtaKeyRing}) and queued as SMS-PP data download (TP-PID 7F, DCS F6, UDH IEI 70,
 * concatenated when long) in the durable SMS outbox. One write unit takes the counter, builds the packet with it,
 * queues its short messages and records the command: nothing reaches the SMSC before the counter is durable, and a
 * unit that fails takes no counter. Input that cannot be sent is refused before the unit (no counter spent).
 */
public final class OtaUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(OtaUpdates.class);

    /** The answer to a send: the command, its counter (10 hex digits) and the outbox message carrying it. */
    public record Queued(String commandId, String cardUid, int keySet, String tar, String counter, String smsMessageId,
            int parts, String state) {}

    private final Jdbi jdbi;
    private final WritePath writes;
    private final SmsOutbox outbox;
    private final OtaCounters counters;
    private final OtaCommands commands;
    private final OtaKeyRing keys;
    private final OtaScript script;
    private final Spi spi;
    private final byte[] tar;
    private final Duration validity;

    public OtaUpdates(Jdbi jdbi, WritePath writes, SmsOutbox outbox, OtaCounters counters, OtaCommands commands,
            OtaKeyRing keys, OtaScript script, Spi spi, byte[] tar, Duration validity) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.outbox = outbox;
        this.counters = counters;
        this.commands = commands;
        this.keys = keys;
        this.script = script;
        this.spi = spi;
        this.tar = tar.clone();
        this.validity = validity;
    }

    public Queued send(String cardUid, String kind, String dataHex, Integer keySetIndex) {
        String msisdn = phoneOf(cardUid);
        byte[] apdus = script.build(kind, dataHex);
        OtaKeyRing.KeySet set = keys.keySet(keySetIndex);
        OtaKeys cardKeys = keys.keys(cardUid, set);
        int identifier = set.identifier();
        secure(cardKeys, identifier, apdus, 0); // checks lengths and keys before a counter is taken
        CardKeySet keySet = new CardKeySet(cardUid, set.index());
        String commandId = "OTA-" + UUID.randomUUID();
        String tarHex = HexFormat.of().withUpperCase().formatHex(tar);
        String normalisedKind = kind.toLowerCase(java.util.Locale.ROOT);
        Queued queued = writes.execute(b -> {
            long counter = counters.next(b, keySet);
            List<byte[]> userData = secure(cardKeys, identifier, apdus, counter);
            SmsOutbox.Queued sms = outbox.queueBinary(b, msisdn, userData, SmsDataDownload.PROTOCOL_ID,
                    SmsDataDownload.DATA_CODING, "ota:" + commandId, validity);
            commands.sent(b, commandId, cardUid, msisdn, set.index(), tarHex, counter, spi.toString(), normalisedKind,
                    spi.porRequest() != Spi.PorRequest.NONE, sms.messageId());
            return new Queued(commandId, cardUid, set.index(), tarHex, String.format("%010X", counter),
                    sms.messageId(), sms.parts(), "queued");
        });
        LOG.info("OTA {} ({}) to card ****{} at {}: key set {}, counter {}, {} part(s) queued as {}", commandId,
                normalisedKind, last4(cardUid), Masking.msisdn(msisdn), set.index(), queued.counter(), queued.parts(),
                queued.smsMessageId());
        return queued;
    }

    /** The short messages' user data for the packet with {@code counter}. */
    private List<byte[]> secure(OtaKeys cardKeys, int identifier, byte[] apdus, long counter) {
        try {
            byte[] packet = new CommandPacket(spi, identifier, identifier, tar, counter, apdus).encode(cardKeys);
            return SmsDataDownload.userData(packet, (int) (counter & 0xFF));
        } catch (OtaException | PhoneCodecException | IllegalArgumentException e) {
            throw DomainError.invalid("the OTA update cannot be secured: " + e.getMessage());
        }
    }

    private String phoneOf(String cardUid) {
        if (cardUid == null || !cardUid.matches("[0-9A-Fa-f]{8,32}")) {
            throw DomainError.invalid("cardUid must be 8 to 32 hex digits");
        }
        Map<String, Object> card = jdbi.withHandle(h -> h.createQuery("SELECT c.status, u.msisdn FROM card c"
                        + " LEFT JOIN app_user u ON u.user_id = c.user_id WHERE c.card_uid = ?").bind(0, cardUid)
                .mapToMap().findFirst()).orElseThrow(() -> DomainError.notFound("card ****" + last4(cardUid)));
        if (card.get("msisdn") == null) {
            throw DomainError.conflict("the card is bound to no phone: an OTA update has nowhere to go");
        }
        String status = (String) card.get("status");
        if ("BLOCKED".equals(status) || "REPLACED".equals(status)) {
            throw DomainError.conflict("the card is " + status + ": no OTA update goes to it");
        }
        return (String) card.get("msisdn");
    }

    static String last4(String cardUid) {
        return cardUid.length() <= 4 ? cardUid : cardUid.substring(cardUid.length() - 4);
    }
}
