package io.tapbus.runtime.ota;

import io.tapbus.connector.common.Masking;
import io.micrometer.core.instrument.MeterRegistry;
import io.tapbus.connector.ota.OtaException;
import io.tapbus.connector.ota.Spi;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.keys.KeyVault;
import io.tapbus.runtime.phone.PhoneChannel;
import io.tapbus.runtime.write.WritePath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds OTA through the bus from the {@code tapbus.ota.*} settings, for PlatformConfiguration: the sender of updates
 * and the receiver of proofs of receipt (wired to the phone channel's SIM data download messages). Without an OTA
 * master key file ({@code tapbus.keys.ota-master-file} empty) OTA is off: updates are refused as unavailable.
 */
public final class OtaWiring {
    private static final Logger LOG = LoggerFactory.getLogger(OtaWiring.class);

    /** The parts the REST API uses; {@code updates} is null when OTA is off. */
    public record Ota(OtaUpdates updates, OtaQueries queries) {}

    private OtaWiring() {
    }

    /**
     * @param settings a lookup of settings (empty string or null when absent)
     * @param home     where a relative key file path starts
     */
    public static Ota start(Function<String, String> settings, Path home, Jdbi jdbi, WritePath writes,
            EventOutbox events, PhoneChannel phone, MeterRegistry meters) {
        OtaQueries queries = new OtaQueries(jdbi);
        String keyFile = settings.apply("tapbus.keys.ota-master-file");
        if (keyFile == null || keyFile.isBlank()) {
            LOG.info("OTA: no tapbus.keys.ota-master-file, OTA updates are off");
            phone.simDataTo(new io.tapbus.connector.phone.IncomingListener() {
                @Override
                public void onIncoming(io.tapbus.connector.phone.IncomingSms sms) {
                }

                @Override
                public void onSimData(io.tapbus.connector.phone.DeliverSmPdu pdu) {
                    LOG.info("SIM data download message from {}: OTA is off, acknowledged and dropped",
                            io.tapbus.connector.common.Masking.msisdn("+" + pdu.source().address()));
                }
            });
            return new Ota(null, queries);
        }
        Path file = home.resolve(keyFile.strip()).normalize();
        byte[] master = KeyVault.readHexKeyFile(file, 16);
        OtaKeyRing keys = new OtaKeyRing(master, OtaKeyRing.parseKeySets(settings.apply("tapbus.ota.key-sets")));
        Spi spi;
        try {
            spi = Spi.of(HexFormat.of().parseHex(settings.apply("tapbus.ota.spi").strip()));
        } catch (OtaException | IllegalArgumentException e) {
            throw new IllegalArgumentException("tapbus.ota.spi: " + e.getMessage());
        }
        if (spi.porRequest() != Spi.PorRequest.NONE && !spi.porViaSmsSubmit()) {
            LOG.warn("tapbus.ota.spi {} asks for the proof of receipt in the SMS-DELIVER-REPORT, which SMPP does not"
                    + " bring back: updates will wait for a PoR that never comes (set b6 of the second octet)", spi);
        }
        byte[] tar = HexFormat.of().parseHex(settings.apply("tapbus.ota.tar").strip());
        if (tar.length != 3) {
            throw new IllegalArgumentException("tapbus.ota.tar must be 3 octets (6 hex digits)");
        }
        OtaCommands commands = new OtaCommands(events);
        OtaUpdates updates = new OtaUpdates(jdbi, writes, phone.outbox(), new OtaCounters(jdbi), commands, keys,
                new OtaScript(settings.apply("tapbus.ota.file.membership"), settings.apply("tapbus.ota.file.ticket")),
                spi, tar, Duration.ofSeconds(Long.parseLong(settings.apply("tapbus.ota.validity-seconds").strip())));
        phone.simDataTo(new OtaReceipts(jdbi, writes, commands, keys, meters));
        LOG.info("OTA: updates to TAR {} with SPI {}, key sets {}", HexFormat.of().withUpperCase().formatHex(tar), spi,
                settings.apply("tapbus.ota.key-sets"));
        return new Ota(updates, queries);
    }
}
