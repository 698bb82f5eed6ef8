package io.tapbus.runtime.broker;

import io.tapbus.runtime.platform.PartnerService;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded ActiveMQ Artemis broker: persistent journal under the data folder, an in-VM acceptor
 * for the bus itself and TCP acceptors for partners (CORE for JMS clients, AMQP 1.0 for the others), with
 * security from partner credentials. Undeliverable messages end on the dead-letter address after a few
 * redeliveries.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final String internalPassword;

    /** @param partnerAcceptors acceptor name to URI, e.g. {@code partners -> tcp://127.0.0.1:61616?protocols=CORE} */
    public EmbeddedBroker(Path dataDir, Map<String, String> partnerAcceptors, boolean persistent, boolean journalSync, String eventsAddress,
                          String deadLetterAddress, String tagRequestsAddress, PartnerService partners) throws Exception {
        byte[] pw = new byte[24];
        new SecureRandom().nextBytes(pw);
        this.internalPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(pw);

        Configuration config = new ConfigurationImpl()
                .setName("tapbus")
                .setPersistenceEnabled(persistent)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setJournalSyncNonTransactional(journalSync)
                .setJournalSyncTransactional(journalSync)
                .setJMXManagementEnabled(false)
                .setSecurityEnabled(true)
                .setSecurityInvalidationInterval(60_000)
                // every message carries the user name the broker authenticated (_AMQ_VALIDATED_USER): the
                // bus knows which partner sent a bulk request, and a sender cannot claim another's
                .setPopulateValidatedUser(true);
        config.registerBrokerPlugin(new ValidatedSender()); // the same stamp on AMQP messages, no forged user-id
        config.addAcceptorConfiguration("in-vm", "vm://0");
        for (Map.Entry<String, String> acceptor : partnerAcceptors.entrySet()) {
            config.addAcceptorConfiguration(acceptor.getKey(), acceptor.getValue());
        }
        // Authorization is decided per address by PartnerSecurityManager; this catch-all only makes every
        // address subject to it.
        config.putSecurityRoles("#", Set.of(new Role("tapbus", true, true, true, true, true, true, true, true, true, true, true, true)));
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(deadLetterAddress))
                .setMaxDeliveryAttempts(5)
                .setAutoCreateDeadLetterResources(true));
        routePlainAddressNames(config, eventsAddress, tagRequestsAddress);
        server.setConfiguration(config);
        server.setSecurityManager(new PartnerSecurityManager(partners, internalPassword, eventsAddress, tagRequestsAddress));
    }

    /**
     * JMS clients say whether they mean a queue or a topic; an AMQP client that names a plain address does not,
     * and the broker then falls back to these defaults. A partner's events are a topic (each subscriber gets
     * every event), its other addresses (tag replies) and the bulk request queue are queues.
     */
    private static void routePlainAddressNames(Configuration config, String eventsAddress, String tagRequestsAddress) {
        config.addAddressSetting("tapbus.partner.#", routedAs(RoutingType.ANYCAST));
        config.addAddressSetting("tapbus.partner.*.events", routedAs(RoutingType.MULTICAST));
        config.addAddressSetting(eventsAddress, routedAs(RoutingType.MULTICAST));
        config.addAddressSetting(tagRequestsAddress, routedAs(RoutingType.ANYCAST));
        config.addAddressSetting(io.tapbus.runtime.membership.MembershipRequests.QUEUE, routedAs(RoutingType.ANYCAST));
        config.addAddressSetting(PartnerSecurityManager.CAMPAIGN_REQUESTS, routedAs(RoutingType.ANYCAST));
    }

    private static AddressSettings routedAs(RoutingType type) {
        return new AddressSettings().setDefaultAddressRoutingType(type).setDefaultQueueRoutingType(type);
    }

    public void start() throws Exception {
        long t0 = System.nanoTime();
        server.start();
        LOG.info("Embedded Artemis broker started in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    public String internalUser() {
        return PartnerSecurityManager.INTERNAL_USER;
    }

    public String internalPassword() {
        return internalPassword;
    }

    public boolean isActive() {
        return server.getActiveMQServer() != null && server.getActiveMQServer().isActive();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
