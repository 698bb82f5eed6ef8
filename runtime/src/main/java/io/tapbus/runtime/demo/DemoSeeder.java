package io.tapbus.runtime.demo;

import io.tapbus.runtime.payment.PaymentCards;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.ReaderRegistry;
import io.tapbus.runtime.platform.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo data for the embedded default, created through the same services the API uses and only when
 * missing, so a restart changes nothing. Never enabled in the cluster profile.
 */
public final class DemoSeeder {
    public static final String ACTIVE_CARD = "04A1B2C3D4E5F6";
    public static final String BLOCKED_CARD = "04B0B0B0B0B0B0";
    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);
    private static final String ACTOR = "demo-seed";

    private final PartnerService partners;
    private final ReaderRegistry readers;
    private final UserService users;
    private final LedgerService ledger;
    private final PaymentCards paymentCards;

    /** The payment application (PAN) of the demo active card: stored value, demo issuer key. */
    public static final String ACTIVE_CARD_PAN = "6212340000000001";
    /** A demo card paid by the bank (its payments go to the bank host over ISO 8583). */
    public static final String BANK_CARD = "04BA0000000001";
    public static final String BANK_CARD_PAN = "6212340000000002";

    /** An existing POS terminal of demo-shop that speaks ISO 8583 to TapBus (field 41). */
    public static final String POS_TERMINAL = "POS00001";

    /** The PAN of benchmark card {@code i} (1..16): stored value (04BE..i) or bank-funded (04BF..i). */
    public static String benchPan(int i, boolean bank) {
        return String.format(bank ? "62123498000000%02d" : "62123499000000%02d", i);
    }

    public DemoSeeder(PartnerService partners, ReaderRegistry readers, UserService users, LedgerService ledger, PaymentCards paymentCards) {
        this.partners = partners;
        this.readers = readers;
        this.users = users;
        this.ledger = ledger;
        this.paymentCards = paymentCards;
    }

    public void seed(int benchReaders) {
        merchant("demo-shop", "Demo Convenience Store");
        merchant("demo-cafe", "Demo Cafe");
        if (partners.find("demo-bank").isEmpty()) {
            partners.create("demo-bank", "Demo Issuing Bank", "BANK", null, ACTOR);
        }
        if (partners.find("demo-maker").isEmpty()) {
            partners.create("demo-maker", "Demo Tea Manufacturer", "MANUFACTURER", null, ACTOR);
        }
        if (partners.find("demo-media").isEmpty()) {
            partners.create("demo-media", "Demo Media Advertiser", "ADVERTISER", null, ACTOR);
        }
        reader("R-DEMO-1", "demo-shop", "Demo store, till 1");
        reader("R-DEMO-2", "demo-cafe", "Demo cafe, counter");
        for (int i = 1; i <= benchReaders; i++) {
            reader(String.format("R-BENCH-%03d", i), "demo-shop", "benchmark reader");
        }
        card(ACTIVE_CARD, "+8613800000001", "Demo user", 100_000, false);
        card(BLOCKED_CARD, "+8613800000002", "Demo user with a blocked card", 50_000, true);
        card(BANK_CARD, "+8613800000003", "Demo user with a bank-funded card", 0, false);
        paymentCard(ACTIVE_CARD, ACTIVE_CARD_PAN, "STORED_VALUE");
        paymentCard(BANK_CARD, BANK_CARD_PAN, "BANK");
        partners.setMerchantCategory("demo-shop", "5411");
        partners.setMerchantCategory("demo-cafe", "5814");
        reader(POS_TERMINAL, "demo-shop", "Demo store, existing POS terminal chained through TapBus");
        for (int i = 1; i <= 16; i++) {
            String benchCard = String.format("04BE00000000%02X", i);
            card(benchCard, String.format("+86139000000%02d", i), "Benchmark user " + i, 10_000_000, false);
            paymentCard(benchCard, benchPan(i, false), "STORED_VALUE");
            String bankCard = String.format("04BF00000000%02X", i);
            card(bankCard, String.format("+86139100000%02d", i), "Benchmark bank card user " + i, 0, false);
            paymentCard(bankCard, benchPan(i, true), "BANK");
        }
        LOG.info("Demo data ready: merchants demo-shop, demo-cafe; manufacturer demo-maker; advertiser demo-media; readers R-DEMO-1, R-DEMO-2 and {} bench readers; cards "
                + "****{} (active) and ****{} (blocked)", benchReaders, ACTIVE_CARD.substring(10), BLOCKED_CARD.substring(10));
    }

    private void merchant(String id, String name) {
        if (partners.find(id).isEmpty()) {
            partners.create(id, name, "MERCHANT", null, ACTOR);
        }
    }

    private void reader(String id, String merchant, String location) {
        if (!readers.exists(id)) {
            readers.register(id, merchant, location, ACTOR);
        }
    }

    private void paymentCard(String cardUid, String pan, String funding) {
        if (!paymentCards.exists(pan)) {
            paymentCards.register(cardUid, pan, "00", funding, "tapbus-demo", ACTOR);
        }
    }

    private void card(String uid, String msisdn, String name, long balanceMinor, boolean blocked) {
        if (users.findCard(uid).isPresent()) {
            return;
        }
        if (users.findUserByMsisdn(msisdn).isEmpty()) {
            users.createUser(msisdn, name, ACTOR);
        }
        UserService.Card card = users.issueCard(uid, "CNY", ACTOR);
        users.bindCard(uid, msisdn, ACTOR);
        if (balanceMinor > 0) {
            ledger.topUp(card.accountId(), balanceMinor, "demo-seed-" + uid, ACTOR);
        }
        if (blocked) {
            users.changeStatus(uid, "BLOCKED", ACTOR);
        }
    }
}
