package io.tapbus.runtime;

import io.tapbus.rules.RuleEngine;
import io.tapbus.runtime.account.AccountOverview;
import io.tapbus.runtime.account.AccountWiring;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.PersonScanApi;
import io.tapbus.runtime.api.ProblemResponder;
import io.tapbus.runtime.checkout.CheckoutService;
import io.tapbus.runtime.checkout.CheckoutWiring;
import io.tapbus.runtime.decisions.DecisionRecords;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.idempotency.KeyMemory;
import io.tapbus.runtime.keys.KeyVault;
import io.tapbus.runtime.membership.Membership;
import io.tapbus.runtime.membership.MembershipWiring;
import io.tapbus.runtime.mms.MmsChannel;
import io.tapbus.runtime.payment.PaymentRecorder;
import io.tapbus.runtime.payment.ReaderPayments;
import io.tapbus.runtime.phone.PhoneChannel;
import io.tapbus.runtime.platform.AuditLog;
import io.tapbus.runtime.platform.CardDirectory;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.ReaderRegistry;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.pricing.BasketPricer;
import io.tapbus.runtime.pricing.CouponNotices;
import io.tapbus.runtime.segments.AudienceProfiles;
import io.tapbus.runtime.segments.Segments;
import io.tapbus.runtime.segments.SegmentsWiring;
import io.tapbus.runtime.tags.TagCoupons;
import io.tapbus.runtime.tags.TagRegistry;
import io.tapbus.runtime.tags.TagScanService;
import io.tapbus.runtime.tickets.TicketPhones;
import io.tapbus.runtime.tickets.TicketWiring;
import io.tapbus.runtime.write.WritePath;
import org.apache.camel.spi.Registry;
import org.jdbi.v3.core.Jdbi;

/**
 * Binds the "one card, many uses" services of issue 14 that others answer from: membership (points earned by approved
 * payments), tickets (delivered to the card by reader payments), online checkout and the account overview. Bound
 * before the phone channel, whose SMS commands use the overview and the checkout.
 */
final class CommerceWiring {
    /** What the phone channel and the pricing need of them. */
    record Commerce(Membership membership, CheckoutService checkout, AccountOverview overview, Segments segments) {}

    private CommerceWiring() {
    }

    static Commerce bind(Registry registry, Settings settings, Jdbi jdbi, WritePath writes, RuleEngine rules, UserService users,
            DecisionRecords decisionRecords, EventOutbox outbox, AuditLog audit, PartnerService partners, Json json,
            ReaderRegistry readers, LedgerService ledger, KeyVault vault, ProblemResponder problems, CardDirectory cardDirectory,
            PaymentRecorder paymentRecorder, ReaderPayments readerPayments) throws java.io.IOException {
        KeyMemory keyMemory = KeyMemory.from(settings::getOptional, writes); // idempotency keys in memory: bounded
        Membership membership = MembershipWiring.bind(registry, settings.getBoolean("tapbus.demo.seed"), jdbi, writes, rules, users,
                decisionRecords, outbox, audit, partners, json, readers, keyMemory);
        paymentRecorder.onApproved(membership.paymentPoints());
        readerPayments.deliver(TicketWiring.bind(registry, jdbi, writes, ledger, outbox, rules, decisionRecords, readers, json,
                settings.path("tapbus.keys.ticket-signing-file"), settings.path("tapbus.keys.ticket-gate-keys-file"), keyMemory));
        CheckoutService checkout = CheckoutWiring.bind(registry, settings::getOptional, jdbi, writes, users, ledger, outbox, vault,
                json, problems, keyMemory);
        AccountOverview overview = AccountWiring.bind(registry, users, cardDirectory, ledger, membership, readers, json);
        io.tapbus.runtime.partner.PartnerPagesWiring.bind(registry, jdbi, readers, json);
        Segments segments = SegmentsWiring.bind(registry, jdbi, writes, audit, users, json);
        return new Commerce(membership, checkout, overview, segments);
    }

    /**
     * Pricing (issue 14 part 2), once it is bound: tag offers naming campaigns give coupons (tag batches and scans),
     * member tiers, segments and the join date feed the basket pricing, and a person's own scan API.
     */
    static void connectPricing(Registry registry, Commerce commerce, TagRegistry tags, TagScanService tagScans, UserService users,
            Json json) {
        TagCoupons tagCoupons = registry.lookupByNameAndType("tagCoupons", TagCoupons.class);
        tags.useCoupons(tagCoupons);
        tagScans.useCoupons(tagCoupons);
        registry.lookupByNameAndType("basketPricer", BasketPricer.class).useProfiles(
                new AudienceProfiles(commerce.membership().profiles(), commerce.segments(), users));
        registry.bind("personScanApi", new PersonScanApi(tagScans, users, json));
    }

    /**
     * Once the phone channels run (bound after the commerce services, whose state they carry): coupons of campaigns that
     * ask for it and tickets sold with delivery PHONE go out by SMS and MMS, in the units that issue them.
     */
    static void connectPhones(Registry registry, PhoneChannel phone, MmsChannel mms) {
        registry.lookupByNameAndType("couponNotices", CouponNotices.class).connect(phone == null ? null : phone.outbox(), mms);
        registry.lookupByNameAndType("ticketPhones", TicketPhones.class).connect(mms, phone);
    }
}
