package io.tapbus.runtime.phone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.phone.IncomingListener;
import io.tapbus.connector.phone.IncomingSms;
import io.tapbus.runtime.payment.PaymentOutcome;
import io.tapbus.runtime.payment.PaymentService;
import io.tapbus.runtime.platform.LedgerService;
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
 * Commands from phones: {@code BAL}/余额 (balance, real time), {@code TX}/明细 (last transactions), {@code BLOCK}/挂失
 * (block my cards), {@code Y}/是 and {@code N}/否 (the answer to a payment's step-up prompt), {@code HELP}/帮助. An
 * unknown command gets the help; a number no user has gets one polite refusal a day. The reply goes through the SMS
 * outbox in the command's language, queued durably before the deliver_sm is answered. Also sends the step-up prompt
 * ({@link #stepUpPrompt}). Log lines name the command and the masked number, never a text.
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
    private final LedgerService ledger;
    private final TransactionQueries transactions;
    private final PaymentService payments;
    private final Map<String, Long> refusedAt = new ConcurrentHashMap<>();

    public PhoneCommands(PhoneChannel phone, UserService users, LedgerService ledger, TransactionQueries transactions,
            PaymentService payments) {
        this.phone = phone;
        this.users = users;
        this.ledger = ledger;
        this.transactions = transactions;
        this.payments = payments;
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
                LOG.info("SMS from unregistered {}: refused already, no reply", Msisdns.mask(msisdn));
                return;
            }
            if (refusedAt.size() > 100_000) {
                refusedAt.clear(); // a bound on memory; at worst one more refusal each
            }
            refusedAt.put(msisdn, now);
            LOG.info("SMS from unregistered {}: one polite refusal", Msisdns.mask(msisdn));
            phone.send(msisdn, PhoneReplies.notRegistered(zh), reference);
            return;
        }
        Optional<Command> command = Command.of(text);
        LOG.info("SMS command {} from {}", command.map(Enum::name).orElse("UNKNOWN"), Msisdns.mask(msisdn));
        String reply;
        try {
            reply = command.map(c -> answer(c, user.get(), msisdn, zh)).orElse(PhoneReplies.help(zh));
        } catch (io.tapbus.runtime.domain.DomainError e) {
            // a business answer (a card that changed meanwhile, a payment not found): said once, never redelivered
            LOG.info("SMS command {} from {} not done: {}", command.get(), Msisdns.mask(msisdn), e.code());
            reply = PhoneReplies.notDone(zh);
        }
        phone.send(msisdn, reply, reference);
    }

    private String answer(Command c, UserService.User user, String msisdn, boolean zh) {
        List<UserService.Card> cards = users.cardsOf(user.userId());
        return switch (c) {
            case HELP -> PhoneReplies.help(zh);
            case BALANCE -> cards.isEmpty() ? PhoneReplies.noCard(zh) : String.join(zh ? "；" : "; ", cards.stream()
                    .filter(card -> card.accountId() != null && card.replacedBy() == null)
                    .map(card -> PhoneReplies.balance(zh, card(card.cardUid()),
                            balance(card.accountId()), currency(card.accountId()),
                            card.status().equals("BLOCKED")))
                    .toList());
            case HISTORY -> cards.isEmpty() ? PhoneReplies.noCard(zh) : PhoneReplies.history(zh,
                    card(cards.get(0).cardUid()), transactions.cardHistory(cards.get(0).cardUid(), null, 3));
            case BLOCK -> {
                List<String> blocked = new ArrayList<>();
                for (UserService.Card card : cards) {
                    if (card.status().equals("ACTIVE")) {
                        users.changeStatus(card.cardUid(), "BLOCKED", "sms:" + Msisdns.mask(msisdn));
                        blocked.add(card(card.cardUid()));
                    }
                }
                yield PhoneReplies.blocked(zh, blocked);
            }
            case YES, NO -> {
                Optional<String> waiting = payments.waitingStepUp(msisdn);
                if (waiting.isEmpty()) {
                    yield PhoneReplies.noStepUp(zh);
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

    /** A card as an SMS names it: its last four hex digits. */
    private static String card(String cardUid) {
        return "****" + cardUid.substring(Math.max(0, cardUid.length() - 4));
    }

    private long balance(String accountId) {
        Long minor = ledger.balance(accountId);
        return minor == null ? 0 : minor;
    }

    private String currency(String accountId) {
        return ledger.find(accountId).map(LedgerService.Account::currency).orElse("CNY");
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
        LOG.info("payment {}: step-up prompt queued for {}", paymentId, Msisdns.mask(msisdn.get()));
    }
}
