package io.tapbus.runtime.phone;

import io.tapbus.connector.common.Masking;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.checkout.CheckoutService;
import io.tapbus.runtime.platform.UserService;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online checkout confirmed by SMS (docs/checkout.md): a checkout waiting for the payer's confirmation sends them the
 * prompt, once per checkout, and their {@code Y}/是 or {@code N}/否 goes through {@link CheckoutService#answer}, the same
 * write unit as the app's confirm, so the amount is held once whichever answer comes first; a late Y is told the
 * checkout was answered already.
 */
final class CheckoutBySms {
    private static final Logger LOG = LoggerFactory.getLogger(CheckoutBySms.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PhoneChannel phone;
    private final UserService users;
    private final CheckoutService checkouts;

    CheckoutBySms(PhoneChannel phone, UserService users, CheckoutService checkouts) {
        this.phone = phone;
        this.users = users;
        this.checkouts = checkouts;
    }

    /** A payment.checkout-requested event (JSON): the payer gets the prompt, valid until the checkout expires. */
    void prompt(String eventJson) throws IOException {
        JsonNode event = JSON.readTree(eventJson);
        JsonNode data = event.path("data");
        String checkoutId = data.path("checkoutId").asText();
        String correlation = "checkout:" + checkoutId;
        if (!phone.queries().byCorrelation(correlation, 1).isEmpty()) {
            return; // a repeated event: the prompt is queued already
        }
        Optional<String> msisdn = users.findCard(event.path("partitionKey").asText())
                .flatMap(card -> card.userId() == null ? Optional.empty() : users.findUser(card.userId()))
                .map(UserService.User::msisdn);
        if (msisdn.isEmpty()) {
            LOG.info("checkout {} waits for its payer, but the card has no phone number: no SMS prompt", checkoutId);
            return;
        }
        Duration left = Duration.between(Instant.now(), Instant.parse(data.path("expiresAt").asText()));
        if (left.isNegative() || left.isZero()) {
            return;
        }
        phone.send(msisdn.get(), PhoneReplies.checkoutPrompt(data.path("amountMinor").asLong(), data.path("currency").asText("CNY"),
                data.path("merchantId").asText(), data.path("orderId").asText()), correlation, left);
        LOG.info("checkout {}: SMS prompt queued for {}", checkoutId, Masking.msisdn(msisdn.get()));
    }

    /** The payer's Y or N when no card payment waits: the reply text, or empty when no checkout waits either. */
    Optional<String> answer(UserService.User user, boolean yes, boolean zh) {
        Optional<String> checkoutId = checkouts.latestOfPayer(user.userId());
        if (checkoutId.isEmpty()) {
            return Optional.empty();
        }
        CheckoutService.Answer a = checkouts.answer(checkoutId.get(), user.userId(), yes);
        LOG.info("checkout {} answered {} by SMS: {}{}", checkoutId.get(), yes ? "Y" : "N", a.payment().status(),
                a.changed() ? "" : " (answered before)");
        return Optional.of(!yes && a.changed() ? PhoneReplies.refused(zh)
                : PhoneReplies.checkoutAnswered(zh, a.payment().merchantId(), a.payment().status().name(), a.changed()));
    }
}
