package io.tapbus.runtime.checkout;

import io.tapbus.runtime.checkout.CheckoutPayment.Status;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.Transactions;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.WritePath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online checkout for web shops: a merchant creates a payment for an order, the payer confirms it in the phone app, the
 * money is authorised (held from the payer's stored-value account), then captured (in parts), refunded (in parts, never
 * above what was captured) or released (cancel). Every change is one write unit: the payment's state and amounts are
 * writer-held, the ledger lines, the event and the webhook are written with it, and each merchant call's first outcome is
 * kept under its Idempotency-Key, so a replay answers the same and money never moves twice.
 */
public final class CheckoutService {
    public static final String HOLD_ACCOUNT = "P-CHECKOUT-HOLD-CNY";
    private static final Logger LOG = LoggerFactory.getLogger(CheckoutService.class);

    /** An answer to a merchant call: the HTTP status and JSON body, the same for every replay under its key. */
    public record Reply(int status, String body, boolean replayed) {}

    /** Renders a refusal as the body the merchant gets (problem+json). */
    public interface Refusals {
        Reply render(DomainError refusal);
    }

    public record NewCheckout(String merchantId, String orderId, String msisdn, long amountMinor, String currency, String basketJson) {}

    private final WritePath writes;
    private final CheckoutBook book;
    private final LedgerService ledger;
    private final UserService users;
    private final CheckoutNotices notices;
    private final Duration confirmWithin;

    CheckoutService(WritePath writes, CheckoutBook book, LedgerService ledger, UserService users, CheckoutNotices notices,
                    Duration confirmWithin) {
        this.writes = writes;
        this.book = book;
        this.ledger = ledger;
        this.users = users;
        this.notices = notices;
        this.confirmWithin = confirmWithin;
    }

    /**
     * Runs a merchant's call once per Idempotency-Key: the first outcome (success or refusal) is kept with the change, a
     * replay of the same request gets it again, another request under the same key is refused (idempotency-key-reused).
     */
    public Reply once(String merchantId, String key, String requestHash, int okStatus, Function<Batch, CheckoutPayment> op,
                      Refusals refusals) {
        return writes.execute(batch -> {
            CheckoutBook.Outcome first = book.outcome(batch, merchantId, key);
            if (first != null) {
                if (!first.requestHash().equals(requestHash)) {
                    throw CheckoutRefusal.keyReused();
                }
                return new Reply(first.status(), first.body(), true);
            }
            Reply reply;
            try {
                reply = new Reply(okStatus, notices.json(CheckoutViews.of(op.apply(batch))), false);
            } catch (CheckoutRefusal e) {
                reply = refusals.render(e); // a refusal is raised before any change, and kept as the answer
            }
            book.remember(batch, merchantId, key, new CheckoutBook.Outcome(requestHash, reply.status(), reply.body()));
            return reply;
        });
    }

    /** The facts of a new checkout, gathered before the write unit: the payer's user, card and stored-value account. */
    public Function<Batch, CheckoutPayment> create(NewCheckout c) {
        UserService.User user = users.findUserByMsisdn(c.msisdn()).orElse(null);
        Optional<UserService.Card> card = user == null ? Optional.empty() : users.cardsOf(user.userId()).stream()
                .filter(k -> "ACTIVE".equals(k.status()) && k.accountId() != null)
                .filter(k -> { LedgerService.AccountState a = ledger.state(k.accountId()); return a != null && a.storedValue(); })
                .findFirst();
        return batch -> {
            if (card.isEmpty()) {
                throw new CheckoutRefusal(DomainError.Code.NOT_FOUND, "payer-unknown",
                        "no card holder with an active stored-value card has this msisdn");
            }
            String earlier = book.checkoutOfOrder(batch, c.merchantId(), c.orderId());
            if (earlier != null) {
                throw CheckoutRefusal.state("order-has-checkout", "order " + c.orderId() + " already has checkout " + earlier);
            }
            Instant now = Instant.now();
            CheckoutPayment p = new CheckoutPayment("CO-" + io.tapbus.rules.TimeOrderedId.next(), c.merchantId(), c.orderId(),
                    user.userId(), card.get().cardUid(), card.get().accountId(), c.currency(), c.amountMinor(),
                    Status.AWAITING_CONFIRMATION, 0, 0, 0, 0, c.basketJson(), now, now.plus(confirmWithin), now);
            book.created(batch, p);
            notices.tell(batch, "payment.checkout-requested", p, 0);
            return p;
        };
    }

    /** The payer confirms in the app: the amount is held (AUTHORIZED), or DECLINED when the account cannot pay it. */
    public CheckoutPayment confirm(String checkoutId, String userId) {
        Answer a = answer(checkoutId, userId, true);
        CheckoutPayment p = a.payment();
        if (!a.changed() && p.authorizedMinor() == 0 && p.status() != Status.DECLINED && p.status() != Status.EXPIRED) {
            // nothing changed: a canceled checkout cannot be confirmed any more
            throw CheckoutRefusal.state("checkout-not-awaiting", "checkout " + checkoutId + " is " + p.status());
        }
        return p; // confirmed before (a repeated tap in the app, or an SMS Y): nothing moved again
    }

    /** The payer refuses in the app: DECLINED, nothing held. */
    public CheckoutPayment refuse(String checkoutId, String userId) {
        return answer(checkoutId, userId, false).payment();
    }

    /** The payer's answer and whether this answer changed the checkout (false: it was answered or ended before). */
    public record Answer(CheckoutPayment payment, boolean changed) {}

    /**
     * The payer's yes or no, from the app or by SMS: one write unit, decided on the writer's state of the checkout, so
     * however many answers race, the amount is held once. Past its time the checkout is EXPIRED instead.
     */
    public Answer answer(String checkoutId, String userId, boolean yes) {
        return writes.execute(batch -> {
            CheckoutPayment p = payersPayment(batch, checkoutId, userId);
            if (p.status() != Status.AWAITING_CONFIRMATION) {
                return new Answer(p, false);
            }
            Instant now = Instant.now();
            if (!yes) {
                return new Answer(change(batch, p.with(Status.DECLINED, 0, 0, 0, 0, now), "payment.checkout-declined", 0), true);
            }
            if (now.isAfter(p.expiresAt())) {
                return new Answer(change(batch, p.with(Status.EXPIRED, 0, 0, 0, 0, now), "payment.checkout-expired", 0), true);
            }
            LedgerService.AccountState account = ledger.state(batch, p.accountId());
            if (account == null || !account.open() || !account.storedValue() || account.balanceMinor() < p.amountMinor()) {
                return new Answer(change(batch, p.with(Status.DECLINED, 0, 0, 0, 0, now), "payment.checkout-declined", 0), true);
            }
            move(batch, "CHECKOUT_AUTH", p, p.accountId(), HOLD_ACCOUNT, p.amountMinor(), now);
            return new Answer(change(batch, p.with(Status.AUTHORIZED, p.amountMinor(), 0, 0, 0, now), "payment.checkout-authorized",
                    p.amountMinor()), true);
        });
    }

    /**
     * The checkout an SMS answer of the payer refers to: the newest one waiting for them, else the newest one that waited
     * for them within the last confirmation window (so a late Y hears it was answered already); empty when none.
     */
    public Optional<String> latestOfPayer(String userId) {
        writes.catchUp(); // the table names the candidates; the writer decides on its own state
        return book.latestOfPayer(userId, Instant.now().minus(confirmWithin));
    }

    /** Captures part or all of what is held (null: all of it). */
    public Function<Batch, CheckoutPayment> capture(String merchantId, String checkoutId, Long amountMinor) {
        return batch -> {
            CheckoutPayment p = merchantsPayment(batch, merchantId, checkoutId);
            if (p.status() != Status.AUTHORIZED && p.status() != Status.PARTIALLY_CAPTURED) {
                throw CheckoutRefusal.state("checkout-not-capturable", "checkout " + checkoutId + " is " + p.status() + ": nothing to capture");
            }
            long amount = amountMinor == null ? p.heldMinor() : amountMinor;
            if (amount > p.heldMinor()) {
                throw CheckoutRefusal.state("capture-exceeds-authorization", "capture of " + amount + " is above the "
                        + p.heldMinor() + " still authorised");
            }
            Instant now = Instant.now();
            move(batch, "CHECKOUT_CAPTURE", p, HOLD_ACCOUNT, PartnerService.merchantAccountId(merchantId), amount, now);
            long captured = p.capturedMinor() + amount;
            Status next = captured + p.releasedMinor() == p.authorizedMinor() ? Status.CAPTURED : Status.PARTIALLY_CAPTURED;
            return change(batch, p.with(next, p.authorizedMinor(), captured, p.refundedMinor(), p.releasedMinor(), now),
                    "payment.checkout-captured", amount);
        };
    }

    /** Refunds part of what was captured; the sum of refunds never exceeds the sum of captures. */
    public Function<Batch, CheckoutPayment> refund(String merchantId, String checkoutId, long amountMinor) {
        return batch -> {
            CheckoutPayment p = merchantsPayment(batch, merchantId, checkoutId);
            if (p.capturedMinor() == 0) {
                throw CheckoutRefusal.state("checkout-not-refundable", "checkout " + checkoutId + " is " + p.status() + ": nothing was captured");
            }
            if (amountMinor > p.refundableMinor()) {
                throw CheckoutRefusal.state("refund-exceeds-capture", "refund of " + amountMinor + " is above the " + p.refundableMinor()
                        + " captured and not yet refunded");
            }
            Instant now = Instant.now();
            move(batch, "CHECKOUT_REFUND", p, PartnerService.merchantAccountId(merchantId), p.accountId(), amountMinor, now);
            return change(batch, p.with(p.status(), p.authorizedMinor(), p.capturedMinor(), p.refundedMinor() + amountMinor,
                    p.releasedMinor(), now), "payment.checkout-refunded", amountMinor);
        };
    }

    /** Cancels: before confirmation nothing was held; after, what is still held goes back to the payer. */
    public Function<Batch, CheckoutPayment> cancel(String merchantId, String checkoutId) {
        return batch -> {
            CheckoutPayment p = merchantsPayment(batch, merchantId, checkoutId);
            Instant now = Instant.now();
            switch (p.status()) {
                case AWAITING_CONFIRMATION:
                    return change(batch, p.with(Status.CANCELED, 0, 0, 0, 0, now), "payment.checkout-canceled", 0);
                case AUTHORIZED, PARTIALLY_CAPTURED: {
                    long held = p.heldMinor();
                    move(batch, "CHECKOUT_RELEASE", p, HOLD_ACCOUNT, p.accountId(), held, now);
                    Status next = p.capturedMinor() == 0 ? Status.CANCELED : Status.CAPTURED;
                    return change(batch, p.with(next, p.authorizedMinor(), p.capturedMinor(), p.refundedMinor(), p.releasedMinor() + held,
                            now), "payment.checkout-canceled", held);
                }
                default:
                    throw CheckoutRefusal.state("checkout-not-cancelable", "checkout " + checkoutId + " is " + p.status());
            }
        };
    }

    public Optional<CheckoutPayment> find(String checkoutId) {
        return book.find(checkoutId);
    }

    private CheckoutPayment merchantsPayment(Batch batch, String merchantId, String checkoutId) {
        CheckoutPayment p = book.payment(batch, checkoutId);
        if (p == null || !p.merchantId().equals(merchantId)) {
            throw new CheckoutRefusal(DomainError.Code.NOT_FOUND, "not-found", "checkout " + checkoutId + " not found");
        }
        return p;
    }

    private CheckoutPayment payersPayment(Batch batch, String checkoutId, String userId) {
        CheckoutPayment p = book.payment(batch, checkoutId);
        if (p == null || !p.userId().equals(userId)) {
            throw DomainError.notFound("checkout " + checkoutId);
        }
        return p;
    }

    private void move(Batch batch, String kind, CheckoutPayment p, String from, String to, long amount, Instant now) {
        if (amount <= 0) {
            return;
        }
        String txn = Transactions.newId();
        txn(batch, txn, kind, p, amount, now); // the transaction row first: its ledger lines refer to it
        ledger.post(batch, txn, List.of(new LedgerService.Line(from, -amount), new LedgerService.Line(to, amount)));
    }

    private static void txn(Batch batch, String txnId, String kind, CheckoutPayment p, long amount, Instant now) {
        Transactions.record(batch, new Transactions.Txn(txnId, kind, "checkout:" + txnId, p.cardUid(), p.merchantId(), null, amount,
                p.currency(), "APPROVED", null, p.checkoutId(), now));
    }

    private CheckoutPayment change(Batch batch, CheckoutPayment next, String eventType, long amountMinor) {
        book.put(batch, next);
        notices.tell(batch, eventType, next, amountMinor);
        LOG.info("checkout {} merchant={} {} amountMinor={}", next.checkoutId(), next.merchantId(), next.status(), amountMinor);
        return next;
    }
}
