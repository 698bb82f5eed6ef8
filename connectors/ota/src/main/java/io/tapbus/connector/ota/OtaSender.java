package io.tapbus.connector.ota;

import io.tapbus.connector.common.Hex;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sending entity's side of OTA: secures each command with a fresh counter from the {@link OtaCounterStore} and
 * accepts a proof of receipt only for a command it sent and that is still awaiting one. A second PoR for the same
 * counter (a replay) or one for a counter never sent is refused.
 *
 * <p>What is awaited is kept in memory; after a restart the PoRs of earlier commands count as replays, which errs on
 * the safe side.
 */
public final class OtaSender {

    /** One secured command: its counter, the packet from CPL on, and the user data of its short messages. */
    public record SecuredCommand(long counter, byte[] packet, List<byte[]> userData) {
    }

    private record Sent(CardKeySet keySet, String tar, long counter) {
    }

    private final OtaCounterStore counters;
    private final Map<Sent, Spi> awaiting = new ConcurrentHashMap<>();

    public OtaSender(OtaCounterStore counters) {
        this.counters = counters;
    }

    /**
     * Secures {@code data} (the commands for the toolkit application {@code tar}) for one card and key set. The
     * packet is checked before a counter is taken, so that input that cannot be sent does not use one up.
     */
    public SecuredCommand secure(CardKeySet keySet, OtaKeys keys, Spi spi, int kic, int kid, byte[] tar, byte[] data)
            throws OtaException {
        checkKeyIndex("KIc", kic, keySet, spi.ciphered());
        checkKeyIndex("KID", kid, keySet, spi.integrity() != Spi.Integrity.NONE);
        new CommandPacket(spi, kic, kid, tar, 0, data).encode(keys);
        long counter = counters.next(keySet);
        byte[] packet = new CommandPacket(spi, kic, kid, tar, counter, data).encode(keys);
        List<byte[]> userData = SmsDataDownload.userData(packet, (int) (counter & 0xFF));
        if (spi.porRequest() != Spi.PorRequest.NONE) {
            awaiting.put(new Sent(keySet, Hex.of(tar), counter), spi);
        }
        return new SecuredCommand(counter, packet, userData);
    }

    /**
     * Decodes and verifies a proof of receipt from the card with the security the command's SPI asked for, then
     * matches it to the command by TAR and counter. Status {@code more_time_needed} leaves the command awaiting its
     * final PoR.
     */
    public ResponsePacket receipt(CardKeySet keySet, OtaKeys keys, Spi spi, byte[] userData) throws OtaException {
        ResponsePacket por = ResponsePacket.decode(userData, keys, spi.porCiphered());
        if (spi.porIntegrity() == Spi.Integrity.CRYPTOGRAPHIC_CHECKSUM && por.checksumLength() == 0) {
            throw new OtaException(OtaException.Kind.CHECKSUM_FAILED, "rc_cc_ds_failed: the command asked for a"
                    + " checksummed proof of receipt and this one (status " + por.statusLabel() + ") has none");
        }
        Sent sent = new Sent(keySet, Hex.of(por.tar()), por.counter());
        boolean awaited = por.status().orElse(null) == PorStatus.MORE_TIME_NEEDED ? awaiting.containsKey(sent)
                : awaiting.remove(sent) != null;
        if (!awaited) {
            OptionalLong last = counters.last(keySet);
            if (last.isPresent() && por.counter() <= last.getAsLong()) {
                throw new OtaException(OtaException.Kind.COUNTER_REPLAYED, String.format("a proof of receipt for"
                        + " counter %010X of %s (TAR %s), which is not awaiting one: answered already", por.counter(),
                        keySet, sent.tar()));
            }
            throw new OtaException(OtaException.Kind.COUNTER_UNKNOWN, String.format("a proof of receipt for counter"
                    + " %010X of %s (TAR %s), which was never sent", por.counter(), keySet, sent.tar()));
        }
        return por;
    }

    private static void checkKeyIndex(String name, int identifier, CardKeySet keySet, boolean used)
            throws OtaException {
        int index = (identifier >> 4) & 0x0F;
        if (used && index != keySet.keySet()) {
            throw OtaException.malformed(String.format("%s %02X uses key %d, but the counter is kept for key set %d",
                    name, identifier, index, keySet.keySet()));
        }
    }
}
