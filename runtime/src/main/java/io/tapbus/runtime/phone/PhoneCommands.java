package io.tapbus.runtime.phone;

import io.tapbus.connector.common.Masking;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.phone.IncomingListener;
import io.tapbus.connector.phone.IncomingSms;
import io.tapbus.runtime.payment.PaymentOutcome;
import io.tapbus.runtime.payment.PaymentService;
import io.tapbus.runtime.account.AccountOverview;
import io.tapbus.runtime.checkout.CheckoutService;
import io.tapbus.runtime.platform.TransactionQueries;
import io.tapbus.runtime.platform.UserService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands from phones: {@code BAL}/余额 (balance, points, coupons and tickets, real time: {@link BalanceReply}), {@code TX}/明细
 * (last transactions), {@code BLOCK}/挂失 (block my cards), {@code Y}/是 and {@code N}/否 (the answer to a payment's step-up
 * prompt, else to an online checkout's: {@link CheckoutBySms}), {@code HELP}/帮助. An
 * unknown command gets the help; a number no user has gets one polite refusal a day. The reply goes through the SMS
 * outbox in the command's language, queued durably before the deliver_sm is answered. Also sends the step-up prompt
 * ({@link #stepUpPrompt}) and the checkout prompt ({@link #checkoutPrompt}). Log lines name the command and the masked number, never a text.
 */
public final class PhoneCommands implements IncomingListener {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneCommands.class);
    private static final Duration REFUSAL_EVERY = Duration.ofHours(24);
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Command {
        BALANCE("BAL", "余额"), HISTORY("TX", "明细"), BLOCK("BLOCK", "挂失"), YES("Y", "是"), NO("N", "否"),
        HELP("HELP", "帮助");

        private final String english;
        private final String chinese;

        Command(String english, String chinese) {
            this.english = english;
            this.chinese = chinese;
        }

        static Optional<Command> of(String text) {
            String t = text.strip().toUpperCase(Locale.ROOT);
            for (Command c : values()) {
                if (c.english.equals(t) || c.chinese.equals(t)) {
                    return Optional.of(c);
                }
            }
            return t.equals("YES") ? Optional.of(YES) : t.equals("NO") ? Optional.of(NO) : Optional.empty();
        }
    }

    private final PhoneChannel phone;
    private final UserService users;
    private final TransactionQueries transactions;
    private final PaymentService payments;
    private final AccountOverview overview;
    private final CheckoutBySms checkouts;
    private final Map<String, Long> refusedAt = new ConcurrentHashMap<>();

    public PhoneCommands(PhoneChannel phone, UserService users, TransactionQueries transactions, PaymentService payments,
            AccountOverview overview, CheckoutService checkouts) {
        this.phone = phone;
        this.users = users;
        this.transactions = transactions;
        this.payments = payments;
        this.overview = overview;
        this.checkouts = new CheckoutBySms(phone, users, checkouts);
    }

    @Override
    public void onIncoming(IncomingSms sms) {
        String msisdn = "+" + sms.source().address();
        String text = sms.text() == null ? "" : sms.text();
        boolean zh = text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        Optional<UserService.User> user = users.findUserByMsisdn(msisdn);
        String reference = "reply:" + msisdn.hashCode() + "-" + System.nanoTime();
        if (user.isEmpty()) {
            long now = System.currentTimeMillis();
            Long last = refusedAt.get(msisdn);
            if (last != null && now - last < REFUSAL_EVERY.toMillis()) {
                LOG.info("SMS from unregistered {}: refused already, no reply", Masking.msisdn(msisdn));
                return;
            }
            if (refusedAt.size() > 100_000) {
                refusedAt.clear(); // a bound on memory; at worst one more refusal each
            }
            refusedAt.put(msisdn, now);
            LOG.info("SMS from unregistered {}: one polite refusal", Masking.msisdn(msisdn));
            phone.send(msisdn, PhoneReplies.notRegistered(zh), reference);
            return;
        }
        Optional<Command> command = Command.of(text);
        LOG.info("SMS command {} from {}", command.map(Enum::name).orElse("UNKNOWN"), Masking.msisdn(msisdn));
        String reply;
        try {
            reply = command.map(c -> answer(c, user.get(), msisdn, zh)).orElse(PhoneReplies.help(zh));
        } catch (io.tapbus.runtime.domain.DomainError e) {
            // a business answer (a card that changed meanwhile, a payment not found): said once, never redelivered
            LOG.info("SMS command {} from {} not done: {}", command.get(), Masking.msisdn(msisdn), e.code());
            reply = PhoneReplies.notDone(zh);
        }
        phone.send(msisdn, reply, reference);
    }

    private String answer(Command c, UserService.User user, String msisdn, boolean zh) {
        List<UserService.Card> cards = users.cardsOf(user.userId());
        return switch (c) {
            case HELP -> PhoneReplies.help(zh);
            case BALANCE -> cards.isEmpty() ? PhoneReplies.noCard(zh) : BalanceReply.of(zh, overview.ofUser(user.userId()));
            case HISTORY -> cards.isEmpty() ? PhoneReplies.noCard(zh) : PhoneReplies.history(zh,
                    card(cards.get(0).cardUid()), transactions.cardHistory(cards.get(0).cardUid(), null, 3));
            case BLOCK -> {
                List<String> blocked = new ArrayList<>();
                for (UserService.Card card : cards) {
                    if (card.status().equals("ACTIVE")) {
                        users.changeStatus(card.cardUid(), "BLOCKED", "sms:" + Masking.msisdn(msisdn));
                        blocked.add(card(card.cardUid()));
                    }
                }
                yield PhoneReplies.blocked(zh, blocked);
            }
            case YES, NO -> {
                Optional<String> waiting = payments.waitingStepUp(msisdn);
                if (waiting.isEmpty()) {
                    yield checkouts.answer(user, c == Command.YES, zh).orElse(PhoneReplies.noStepUp(zh));
                }
                if (c == Command.NO) {
                    payments.refuse(waiting.get(), msisdn);
                    yield PhoneReplies.refused(zh);
                }
                PaymentOutcome outcome = payments.confirm(waiting.get(), msisdn);
                yield PhoneReplies.paymentAnswered(zh, outcome.status().name());
            }
        };
    }

    private static String card(String cardUid) {
        return BalanceReply.masked(cardUid);
    }

    /** A payment.checkout-requested event (as JSON, from the events topic): the payer gets the SMS prompt, once. */
    public void checkoutPrompt(String eventJson) throws java.io.IOException {
        checkouts.prompt(eventJson);
    }

    /**
     * A payment.step-up event (as JSON, from the events topic): the card holder gets the prompt, once per payment
     * (a repeated event finds the prompt already queued under the correlation {@code stepup:<payment>}).
     */
    public void stepUpPrompt(String eventJson) throws java.io.IOException {
        JsonNode event = JSON.readTree(eventJson);
        JsonNode data = event.path("data");
        String paymentId = data.path("paymentId").asText();
        String correlation = "stepup:" + paymentId;
        if (!phone.queries().byCorrelation(correlation, 1).isEmpty()) {
            return;
        }
        String cardUid = event.path("partitionKey").asText();
        Optional<String> msisdn = users.findCard(cardUid).flatMap(card -> card.userId() == null ? Optional.empty()
                : users.findUser(card.userId())).map(UserService.User::msisdn);
        if (msisdn.isEmpty()) {
            LOG.info("payment {} waits for a step-up, but its card has no phone number: no prompt", paymentId);
            return;
        }
        phone.send(msisdn.get(), PhoneReplies.stepUpPrompt(data.path("amountMinor").asLong(),
                data.path("currency").asText("CNY"), event.path("merchantId").asText()), correlation, Duration.ofMinutes(2));
        LOG.info("payment {}: step-up prompt queued for {}", paymentId, Masking.msisdn(msisdn.get()));
    }
}
