package io.tapbus.runtime.bills;

import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.phone.SmsOutbox;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.Transactions;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.StateTable;
import io.tapbus.runtime.write.WritePath;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Utility bill inquiry and payment from the payer's stored value, the one writer of {@code bill_payment}. The amount is
 * the biller's (asked at payment time); the payment is one write unit: the bill is checked against the bills paid (a
 * writer-held state, so two payments of one bill racing pay it once), the ledger moves the money to the biller's
 * settlement account, a {@code bill.paid} event goes to the biller and a receipt SMS to the payer's phone.
 */
public final class BillPayments {
    private static final Logger LOG = LoggerFactory.getLogger(BillPayments.class);

    /** What the payer sees of a bill: the biller's statement and, when paid on the bus, the receipt. */
    public record BillView(String billerId, String billRef, long amountMinor, String currency, String dueDate, String status,
                           String billPaymentId) {}

    /** A paid bill. */
    public record Receipt(String billPaymentId, String billerId, String billRef, long amountMinor, String currency, String txnId,
                          Long balanceMinor, String smsMessageId, Instant paidAt) {}

    private final WritePath writes;
    private final BillerRegistry billers;
    private final BillerClient client;
    private final LedgerService ledger;
    private final UserService users;
    private final EventOutbox events;
    private final SmsOutbox sms;
    private final StateTable<String, String> paid;

    BillPayments(Jdbi jdbi, WritePath writes, BillerRegistry billers, BillerClient client, LedgerService ledger, UserService users,
                 EventOutbox events, SmsOutbox sms) {
        this.writes = writes;
        this.billers = billers;
        this.client = client;
        this.ledger = ledger;
        this.users = users;
        this.events = events;
        this.sms = sms;
        this.paid = new StateTable<>("bills paid", jdbi,
                (h, key) -> h.createQuery("SELECT bill_payment_id FROM bill_payment WHERE biller_id = ? AND bill_ref = ?")
                        .bind(0, key.substring(0, key.indexOf('\n'))).bind(1, key.substring(key.indexOf('\n') + 1))
                        .mapTo(String.class).findOne().orElse(null),
                (batch, key, id, exists) -> { }); // the row is staged by pay()
    }

    public BillView inquire(String billerId, String billRef) {
        BillerClient.Bill bill = client.inquire(biller(billerId), checkedRef(billRef));
        String paymentId = paid.read(billerId + "\n" + billRef);
        return new BillView(billerId, billRef, bill.amountMinor(), bill.currency(), bill.dueDate(),
                paymentId != null ? "PAID" : bill.status(), paymentId);
    }

    /** Pays the bill for the user from their stored value; a bill paid before (here or at the biller) is refused. */
    public Receipt pay(String userId, String billerId, String billRef) {
        BillerRegistry.Biller biller = biller(billerId);
        BillerClient.Bill bill = client.inquire(biller, checkedRef(billRef));
        UserService.User user = users.findUser(userId).orElseThrow(() -> DomainError.notFound("user " + userId));
        UserService.Card card = users.cardsOf(userId).stream().filter(c -> "ACTIVE".equals(c.status()) && c.accountId() != null)
                .filter(c -> { LedgerService.AccountState a = ledger.state(c.accountId()); return a != null && a.storedValue(); })
                .findFirst().orElseThrow(() -> new BillRefusal(DomainError.Code.NOT_FOUND, "payer-unknown", "no active stored-value card"));
        if (bill.status().equals("PAID")) {
            throw new BillRefusal(DomainError.Code.CONFLICT, "bill-already-paid", "the biller reports bill " + billRef + " as paid");
        }
        if (bill.amountMinor() <= 0 || !"CNY".equals(bill.currency())) {
            throw new BillRefusal(DomainError.Code.CONFLICT, "bill-not-payable", "bill " + billRef + " has nothing to pay in CNY");
        }
        Receipt receipt = writes.execute(batch -> record(batch, biller, bill, user, card));
        LOG.info("bill {} of biller {} paid: {} amountMinor={}", billRef, billerId, receipt.billPaymentId(), receipt.amountMinor());
        return receipt;
    }

    private Receipt record(Batch batch, BillerRegistry.Biller biller, BillerClient.Bill bill, UserService.User user, UserService.Card card) {
        String key = biller.billerId() + "\n" + bill.billRef();
        String earlier = batch.state(paid, key);
        if (earlier != null) {
            throw new BillRefusal(DomainError.Code.CONFLICT, "bill-already-paid", "bill " + bill.billRef() + " of " + biller.billerId()
                    + " was paid already (" + earlier + ")");
        }
        LedgerService.AccountState account = ledger.state(batch, card.accountId());
        if (account == null || !account.open() || account.balanceMinor() < bill.amountMinor()) {
            throw new BillRefusal(DomainError.Code.CONFLICT, "insufficient-funds", "the stored value cannot pay " + bill.amountMinor());
        }
        String txnId = Transactions.newId();
        Instant now = Instant.now();
        String id = "BP-" + io.tapbus.rules.TimeOrderedId.next();
        // the transaction row first: its ledger lines refer to it
        Transactions.record(batch, new Transactions.Txn(txnId, "BILL_PAYMENT", "bill:" + biller.billerId() + ":" + bill.billRef(),
                card.cardUid(), biller.billerId(), null, bill.amountMinor(), bill.currency(), "APPROVED", null, id, now));
        ledger.post(batch, txnId, List.of(new LedgerService.Line(card.accountId(), -bill.amountMinor()),
                new LedgerService.Line(PartnerService.merchantAccountId(biller.billerId()), bill.amountMinor())));
        batch.stage("INSERT INTO bill_payment(bill_payment_id, biller_id, bill_ref, user_id, account_id, amount_minor, currency, txn_id, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, biller.billerId(), bill.billRef(), user.userId(), card.accountId(),
                bill.amountMinor(), bill.currency(), txnId, now);
        batch.put(paid, key, id);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("billPaymentId", id);
        data.put("billerId", biller.billerId());
        data.put("billRef", bill.billRef());
        data.put("amountMinor", bill.amountMinor());
        data.put("currency", bill.currency());
        data.put("txnId", txnId);
        data.put("paidAt", now.toString());
        events.add(batch, BusinessEvent.of("bill.paid", id, card.cardUid(), biller.billerId(), data));
        String smsId = null;
        if (sms != null && user.msisdn() != null) {
            smsId = sms.queue(batch, user.msisdn(), String.format("TapBus receipt %s: paid %d.%02d %s to %s for bill %s.", id,
                    bill.amountMinor() / 100, bill.amountMinor() % 100, bill.currency(), biller.name(), bill.billRef()), "bill:" + id,
                    Duration.ofDays(1)).messageId();
        }
        return new Receipt(id, biller.billerId(), bill.billRef(), bill.amountMinor(), bill.currency(), txnId,
                ledger.balance(batch, card.accountId()), smsId, now);
    }

    private BillerRegistry.Biller biller(String billerId) {
        BillerRegistry.Biller b = billerId == null ? null : billers.find(billerId);
        if (b == null) {
            throw new BillRefusal(DomainError.Code.NOT_FOUND, "biller-unknown", "no biller " + billerId + " is registered");
        }
        return b;
    }

    private static String checkedRef(String billRef) {
        if (billRef == null || !billRef.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new BillRefusal(DomainError.Code.INVALID_INPUT, "bad-request", "billRef must be 1-64 letters, digits, '.', '_' or '-'");
        }
        return billRef;
    }
}
