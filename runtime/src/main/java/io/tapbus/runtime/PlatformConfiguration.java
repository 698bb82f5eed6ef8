package io.tapbus.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.reader.ReaderChannelHandlers;
import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.RuleEngine;
import io.tapbus.runtime.api.AccountApi;
import io.tapbus.runtime.api.AdminApi;
import io.tapbus.runtime.api.ApiSecurity;
import io.tapbus.runtime.api.CardApi;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.PartnerApi;
import io.tapbus.runtime.api.PaymentApi;
import io.tapbus.runtime.api.ProblemResponder;
import io.tapbus.runtime.api.ReaderApi;
import io.tapbus.runtime.api.ScanApi;
import io.tapbus.runtime.api.TagApi;
import io.tapbus.runtime.broker.EmbeddedBroker;
import io.tapbus.runtime.db.Database;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.events.OutboxRelay;
import io.tapbus.runtime.keys.KeyVault;
import io.tapbus.connector.card.InMemoryIssuerKeys;
import io.tapbus.runtime.bank.BankGateway;
import io.tapbus.runtime.bank.BankWiring;
import io.tapbus.runtime.payment.BankGatewayAuthorizer;
import io.tapbus.runtime.payment.PaymentCards;
import io.tapbus.runtime.payment.ReaderPayments;
import io.tapbus.runtime.payment.CardWrites;
import io.tapbus.runtime.payment.PaymentReversals;
import io.tapbus.runtime.payment.Retaps;
import io.tapbus.runtime.payment.PaymentRecovery;
import io.tapbus.runtime.payment.PaymentBook;
import io.tapbus.runtime.payment.PaymentDecisions;
import io.tapbus.runtime.payment.PaymentFacts;
import io.tapbus.runtime.payment.PaymentRecorder;
import io.tapbus.runtime.payment.PaymentService;
import io.tapbus.runtime.platform.AuditLog;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.ReaderRegistry;
import io.tapbus.runtime.platform.TransactionQueries;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.reader.ReaderGateway;
import io.tapbus.runtime.reader.TapDecisions;
import io.tapbus.runtime.reader.TapRecorder;
import io.tapbus.runtime.reader.TapService;
import io.tapbus.runtime.decisions.DecisionRecords;
import io.tapbus.runtime.platform.CardDirectory;
import io.tapbus.runtime.platform.DailySpend;
import io.tapbus.runtime.write.WriteMetrics;
import io.tapbus.runtime.observe.StageTimers;
import io.tapbus.runtime.write.WritePath;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tapbus.runtime.tags.BatchKeys;
import io.tapbus.runtime.tags.TagRegistry;
import io.tapbus.runtime.tags.TagBulkRequests;
import io.tapbus.runtime.tags.TagScanService;
import io.tapbus.runtime.tags.TagFacts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * Wires the platform: database and migrations, keys, embedded broker, rules, platform services and
 * the beans that routes call by name. Runs once at start, before the routes are loaded.
 */
public final class PlatformConfiguration {
    private final Path home;

    public PlatformConfiguration(Path home) {
        this.home = home;
    }

    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context, home);
        Registry registry = context.getRegistry();
        ObjectMapper mapper = Json.newMapper();

        Database database = new Database(settings.get("tapbus.db.url"), settings.get("tapbus.db.user"),
                settings.get("tapbus.db.password"), settings.getInt("tapbus.db.pool-size"));
        closeWith(context, database);
        database.migrate();

        KeyVault vault = new KeyVault(KeyVault.readHexKeyFile(settings.path("tapbus.keys.kek-file"), 32));
        byte[] readerMaster = KeyVault.readHexKeyFile(settings.path("tapbus.keys.reader-master-file"), 16);

        WritePath writes = new WritePath(database.dataSource(), WritePath.forUrl(settings.get("tapbus.db.url")),
                settings.getBoolean("tapbus.write.journal") ? settings.dataDir().resolve("journal") : null,
                settings.getInt("tapbus.write.max-batch"), settings.getInt("tapbus.write.queue-capacity"),
                new WriteMetrics(meterRegistry(context)));
        StageTimers stages = new StageTimers(meterRegistry(context));
        closeWith(context, writes);
        AuditLog audit = new AuditLog(database.jdbi());
        PartnerService partners = new PartnerService(database.jdbi(), audit);
        CardDirectory cardDirectory = new CardDirectory(database.jdbi());
        UserService users = new UserService(database.jdbi(), audit, cardDirectory);
        LedgerService ledger = new LedgerService(database.jdbi(), audit, writes);
        DailySpend dailySpend = new DailySpend(database.jdbi());
        DecisionRecords decisionRecords = new DecisionRecords(mapper);
        ReaderRegistry readers = new ReaderRegistry(database.jdbi(), vault, readerMaster, audit);
        writes.everyBatch(readers.sequenceWriter());
        TransactionQueries queries = new TransactionQueries(database.jdbi());

        if (!settings.getOptional("tapbus.admin.bootstrap-key-file").isEmpty()) {
            partners.bootstrapAdmin(settings.path("tapbus.admin.bootstrap-key-file"));
        }
        PaymentCards paymentCards = new PaymentCards(database.jdbi(), vault, audit);
        if (settings.getBoolean("tapbus.demo.seed")) {
            new DemoSeeder(partners, readers, users, ledger, paymentCards).seed(settings.getInt("tapbus.demo.bench-readers"));
        }

        EmbeddedBroker broker = null;
        ActiveMQConnectionFactory jmsFactory;
        if (settings.getBoolean("tapbus.broker.embedded")) {
            broker = new EmbeddedBroker(settings.dataDir().resolve("broker"), partnerAcceptors(settings),
                    settings.getBoolean("tapbus.broker.persistent"), settings.getBoolean("tapbus.broker.journal-sync"),
                    settings.get("tapbus.events.topic"), settings.get("tapbus.events.dead-letter"),
                    settings.get("tapbus.tags.bulk-queue"), partners);
            broker.start();
            closeWith(context, broker);
            jmsFactory = new ActiveMQConnectionFactory("vm://0", broker.internalUser(), broker.internalPassword());
        } else {
            jmsFactory = new ActiveMQConnectionFactory(settings.get("tapbus.broker.url"), settings.get("tapbus.broker.user"),
                    settings.get("tapbus.broker.password"));
        }
        jmsFactory.setCacheDestinations(true); // no address query round trip per send
        JmsPoolConnectionFactory pooled = new JmsPoolConnectionFactory();
        pooled.setConnectionFactory(jmsFactory);
        pooled.setMaxConnections(4);
        closeWith(context, pooled::stop);
        context.addComponent("jms", JmsComponent.jmsComponent(pooled));

        RuleEngine rules = new RuleEngine(settings.path("tapbus.rules.dir"), DecisionCatalog.standard());
        if (settings.getBoolean("tapbus.rules.watch")) {
            rules.startWatching(Duration.ofSeconds(settings.getInt("tapbus.rules.poll-seconds")));
        }
        closeWith(context, rules);

        Json json = new Json(mapper);
        registry.bind("database", database);
        registry.bind("ruleEngine", rules);
        registry.bind("partnerService", partners);
        registry.bind("userService", users);
        registry.bind("ledgerService", ledger);
        registry.bind("readerRegistry", readers);
        registry.bind("readerFrameDecoder", ReaderChannelHandlers.frameDecoder());
        registry.bind("readerIdleHandler", ReaderChannelHandlers.idleHandler(
                Duration.ofSeconds(settings.getInt("tapbus.reader.idle-timeout-seconds"))));
        registry.bind("readerBytesEncoder", ReaderChannelHandlers.bytesEncoder());
        registry.bind("readerGateway", new ReaderGateway(readers, stages));
        EventOutbox outbox = new EventOutbox(database.jdbi(), mapper);
        registry.bind("eventOutbox", outbox);
        users.announceStatusChanges(writes, new io.tapbus.runtime.platform.CardStatusEvents(outbox));
        registry.bind("outboxRelay", new OutboxRelay(outbox, pooled, settings.get("tapbus.events.topic"),
                settings.getInt("tapbus.events.relay-batch-size")));
        registry.bind("writePath", writes);
        TapDecisions tapDecisions = new TapDecisions(rules, stages);
        TapRecorder tapRecorder = new TapRecorder(database.jdbi(), writes, cardDirectory, ledger, dailySpend, decisionRecords, outbox,
                tapDecisions::decisionFor);
        registry.bind("tapService", new TapService(database.jdbi(), readers, cardDirectory, ledger, dailySpend, tapRecorder, stages, mapper));
        registry.bind("tapDecisions", tapDecisions);
        registry.bind("apiSecurity", new ApiSecurity(partners, writes::catchUp));
        ProblemResponder problems = new ProblemResponder(mapper);
        registry.bind("problemResponder", problems);
        registry.bind("apiHttpServerFactory", new io.tapbus.runtime.api.ApiHttpServer.Factory(problems));
        registry.bind("apiDocument", new io.tapbus.runtime.api.ApiDocument(home));
        registry.bind("partnerApi", new PartnerApi(partners, json));
        registry.bind("readerApi", new ReaderApi(readers, json));
        registry.bind("cardApi", new CardApi(users, queries, json));
        registry.bind("accountApi", new AccountApi(ledger, queries, json));
        registry.bind("adminApi", new AdminApi(audit, rules, json));
        closeWith(context, io.tapbus.runtime.decisions.DecisionsWiring.bind(registry, database.jdbi(), rules.catalog(), settings.dataDir(), json));
        registry.bind("healthApi", new io.tapbus.runtime.api.HealthApi(json));
        BatchKeys batchKeys = new BatchKeys(database.jdbi(), vault);
        TagFacts tagFacts = new TagFacts(database.jdbi());
        TagRegistry tags = new TagRegistry(database.jdbi(), vault, audit, batchKeys, tagFacts);
        TagScanService tagScans = new TagScanService(writes, tagFacts, batchKeys, rules, outbox, stages, mapper);
        registry.bind("tagRegistry", tags);
        registry.bind("tagScanService", tagScans);
        io.micrometer.core.instrument.FunctionCounter.builder("tapbus_scans_unknown_batch", tagScans, TagScanService::unknownBatchScans)
                .description("Public scans naming a batch no one registered (counted, not stored)").register(meterRegistry(context));
        registry.bind("tagApi", new TagApi(tags, json));
        registry.bind("scanApi", new ScanApi(tagScans, readers, json).limitedBy(new io.tapbus.runtime.api.ScanLimits(
                Double.parseDouble(settings.get("tapbus.scan.client-rate")), Double.parseDouble(settings.get("tapbus.scan.batch-rate")),
                java.util.Set.of(settings.get("tapbus.scan.unlimited-clients").split("\\s*,\\s*")))));
        PaymentBook paymentBook = new PaymentBook(database.jdbi(), writes, cardDirectory, ledger, mapper);
        InMemoryIssuerKeys issuerKeys = io.tapbus.runtime.payment.AnswerableKeys.require(
                InMemoryIssuerKeys.load(settings.path("tapbus.keys.issuer-keys-file")));
        PaymentRecorder paymentRecorder = new PaymentRecorder(database.jdbi(), writes, paymentBook, decisionRecords, ledger, dailySpend,
                outbox, issuerKeys, vault, stages);
        PaymentFacts paymentFacts = new PaymentFacts(database.jdbi(), paymentCards, paymentBook, issuerKeys, cardDirectory, ledger, dailySpend,
                stages);
        PaymentService payments = new PaymentService(paymentBook, paymentRecorder, new Retaps(writes, paymentBook, paymentFacts, issuerKeys),
                context.createProducerTemplate());
        io.tapbus.runtime.operator.OperatorWiring.Operators operatorApis = io.tapbus.runtime.operator.OperatorWiring.operators(
                settings::getOptional, home);
        paymentFacts.useSimSwaps(io.tapbus.runtime.operator.OperatorWiring.simSwapFacts(operatorApis, settings::getOptional));
        paymentRecorder.useCarrier(io.tapbus.runtime.operator.OperatorWiring.carrierBiller(operatorApis, settings::getOptional));
        registry.bind("paymentFacts", paymentFacts);
        registry.bind("paymentDecisions", new PaymentDecisions(rules, stages));
        registry.bind("paymentRecorder", paymentRecorder);
        BankGateway bank = BankWiring.start(context, database); // null unless tapbus.bank.enabled
        if (bank != null) {
            registry.bind("bankGateway", bank);
            paymentRecorder.useBank(new BankGatewayAuthorizer(bank));
        }
        registry.bind("paymentService", payments);
        CardWrites cardWrites = new CardWrites(paymentBook, writes, new PaymentReversals(paymentBook, writes, ledger, dailySpend, outbox,
                bank == null ? null : new BankGatewayAuthorizer(bank)));
        ReaderPayments readerPayments = new ReaderPayments(payments, readers, audit, cardWrites, paymentCards);
        registry.bind("readerPayments", readerPayments);
        io.tapbus.runtime.pos.PosWiring.bind(registry, context, database, payments, readers, writes, ledger, dailySpend, outbox,
                mapper, bank);
        registry.bind("paymentCards", paymentCards);
        PaymentApi paymentApi = new PaymentApi(payments, paymentCards, json);
        registry.bind("paymentApi", paymentApi);
        io.tapbus.runtime.pricing.PricingWiring.bind(registry, database, writes, outbox, rules, partners, users, payments, paymentApi,
                mapper, json, stages);
        registry.bind("paymentRecovery", new PaymentRecovery(payments,
                Duration.ofSeconds(settings.getInt("tapbus.payments.recovery-after-seconds"))));
        registry.bind("tagBulk", new TagBulkRequests(tags, partners, json));
        // membership, tickets, checkout and the overview before the phone channel: its commands answer from them
        CommerceWiring.Commerce commerce = CommerceWiring.bind(registry, settings, database.jdbi(), writes, rules, users,
                decisionRecords, outbox, audit, partners, json, readers, ledger, vault, problems, cardDirectory, paymentRecorder,
                readerPayments);
        io.tapbus.runtime.phone.PhoneChannel phone = io.tapbus.runtime.phone.PhoneWiring.start(context, home, database, writes,
                outbox, channel -> new io.tapbus.runtime.phone.PhoneCommands(channel, users, queries, payments, commerce.overview(),
                        commerce.checkout()));
        registry.bind("phoneChannel", phone);
        registry.bind("smsApi", new io.tapbus.runtime.api.SmsApi(phone, json));
        io.tapbus.runtime.phone.WapPushes wapPushes = new io.tapbus.runtime.phone.WapPushes(writes, phone.outbox(),
                Duration.ofSeconds(settings.getInt("tapbus.phone.validity-seconds")));
        registry.bind("wapPushes", wapPushes);
        registry.bind("wapPushApi", new io.tapbus.runtime.api.WapPushApi(wapPushes, json));
        registry.bind("phoneCommands", phone.answerer());
        io.tapbus.runtime.mms.MmsChannel mms = io.tapbus.runtime.mms.MmsWiring.start(context, database, writes, outbox,
                phone.router()::operator);
        registry.bind("mmsApi", new io.tapbus.runtime.api.MmsApi(mms, json));
        registry.bind("mmsChannel", mms);
        io.tapbus.runtime.app.AppWiring.bind(context, settings::getOptional, database, writes, users, ledger, queries, payments,
                phone, outbox, json, problems);
        io.tapbus.runtime.portal.PortalWiring.bind(registry, settings::getOptional, partners, json);
        io.tapbus.runtime.ota.OtaWiring.Ota ota = io.tapbus.runtime.ota.OtaWiring.start(settings::getOptional, home,
                database.jdbi(), writes, outbox, phone, meterRegistry(context));
        registry.bind("otaApi", new io.tapbus.runtime.api.OtaApi(ota.updates(), ota.queries(), json));
        io.tapbus.runtime.bills.BillsWiring.bind(registry, settings::getOptional, database.jdbi(), writes, partners, users, ledger, outbox,
                phone == null ? null : phone.outbox(), json);
        CommerceWiring.connectPhones(registry, phone, mms);
        CommerceWiring.connectPricing(registry, commerce, tags, tagScans, users, json);

        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new PlatformHealth(database, broker, rules, bank, phone::linkStates).alsoShow(mms::linkStates));
        }
    }

    /** The Prometheus registry that /observe/metrics shows: Camel's own, bound here first if Camel has not made it yet. */
    private static MeterRegistry meterRegistry(CamelContext context) {
        MeterRegistry existing = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        if (existing != null) {
            return existing;
        }
        PrometheusMeterRegistry created = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        context.getRegistry().bind("metricsRegistry", created);
        return created;
    }

    /** The broker's listeners for partners: CORE (JMS) always, AMQP 1.0 unless its setting is left empty. */
    private static Map<String, String> partnerAcceptors(Settings settings) {
        Map<String, String> acceptors = new LinkedHashMap<>();
        acceptors.put("partners", settings.get("tapbus.broker.acceptor"));
        String amqp = settings.getOptional("tapbus.broker.amqp-acceptor");
        if (!amqp.isEmpty()) {
            acceptors.put("partners-amqp", amqp);
        }
        return acceptors;
    }

    private static void closeWith(CamelContext context, AutoCloseable resource) throws Exception {
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                resource.close();
            }
        }, true, true);
    }
}
