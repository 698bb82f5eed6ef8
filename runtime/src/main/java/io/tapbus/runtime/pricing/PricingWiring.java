package io.tapbus.runtime.pricing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.rules.RuleEngine;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.PaymentApi;
import io.tapbus.runtime.db.Database;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.observe.StageTimers;
import io.tapbus.runtime.platform.AuditLog;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.payment.PaymentCards;
import io.tapbus.runtime.payment.PaymentService;
import io.tapbus.runtime.payment.ReaderPayments;
import io.tapbus.runtime.pos.PosGateway;
import io.tapbus.runtime.write.WritePath;
import org.apache.camel.spi.Registry;

/**
 * Campaigns, coupons and basket pricing in the bus: the beans the pricing routes call, and basket payments on the phone API,
 * at the reader and at the chained POS (bound after the payment channels exist).
 */
public final class PricingWiring {
    private PricingWiring() {
    }

    public static BasketPricer bind(Registry registry, Database database, WritePath writes, EventOutbox outbox, RuleEngine rules,
                                    PartnerService partners, UserService users, PaymentService payments, PaymentApi paymentApi,
                                    ObjectMapper mapper, Json json, StageTimers stages) {
        AuditLog audit = new AuditLog(database.jdbi());
        Campaigns campaigns = new Campaigns(database.jdbi(), audit, mapper);
        CampaignCounters counters = new CampaignCounters(database.jdbi());
        Coupons coupons = new Coupons(database.jdbi(), writes, outbox);
        CouponNotices notices = new CouponNotices(users);
        coupons.notifyBy(notices);
        registry.bind("couponNotices", notices);
        BasketPricer pricer = new BasketPricer(rules, campaigns, counters, coupons, stages);
        Redemptions redemptions = new Redemptions(campaigns, counters, coupons, outbox);
        registry.bind("pricingApi", new PricingApi(campaigns, counters, coupons, pricer, users, json));
        registry.bind("campaignRequests", new CampaignRequests(campaigns, coupons, partners, users, json));
        registry.bind("basketPricer", pricer);
        registry.bind("personCoupons", new PersonCoupons(database.jdbi(), writes, coupons, campaigns));
        registry.bind("tagCoupons", new TagScanCoupons(campaigns, counters, coupons));
        paymentApi.usePricing(new PaymentPricing(pricer, redemptions, payments, users));
        CardBasketPricing cardBaskets = new CardBasketPricing(pricer, redemptions, coupons,
                registry.lookupByNameAndType("paymentCards", PaymentCards.class));
        registry.lookupByNameAndType("readerPayments", ReaderPayments.class).useBaskets(cardBaskets);
        registry.lookupByNameAndType("posGateway", PosGateway.class).useBaskets(cardBaskets);
        return pricer;
    }
}
