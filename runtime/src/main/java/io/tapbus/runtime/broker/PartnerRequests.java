package io.tapbus.runtime.broker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.Principal;
import io.tapbus.runtime.api.ProblemResponder;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.platform.PartnerService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How partners' requests over JMS are answered (bulk tag requests, membership requests, campaign requests). The
 * sender is the credential the broker authenticated ({@code JMSXUserID}: Artemis overwrites it with the validated
 * user, so it cannot be claimed) and must hold one of the roles the kind of request needs. The answer goes to the
 * sender's own {@code tapbus.partner.<id>.<replies>} queue, never to a JMSReplyTo the sender chose, with the request's
 * correlation id. A request that is refused is answered with the reason and copied to the dead-letter queue with it;
 * one from a sender without a valid credential only goes to the dead-letter queue.
 *
 * @param <R> the request's JSON body, read strictly (an unknown field is a refusal)
 */
public final class PartnerRequests<R> {
    /** Exchange properties the routes read. */
    public static final String REPLY_QUEUE = "TapBusReplyQueue";
    public static final String CORRELATION_ID = "TapBusCorrelationId";
    public static final String DEAD_LETTER_REASON = "TapBusDeadLetterReason";
    public static final String ORIGINAL = "TapBusOriginal";
    static final String VALIDATED_USER = "JMSXUserID";
    private static final Logger LOG = LoggerFactory.getLogger(PartnerRequests.class);

    /** The operation a request names; its result is the reply's {@code result}. */
    public interface Operation<R> {
        String name(R request);
    }

    private final String kind;
    private final Class<R> type;
    private final String replies;
    private final Predicate<Principal> allowed;
    private final String senderNeeded;
    private final Operation<R> operation;
    private final BiFunction<Principal, R, Object> execute;
    private final PartnerService partners;
    private final Json json;
    private boolean resultInline;

    /**
     * @param kind         what the requests are, for messages ("membership request")
     * @param replies      the last part of the reply queue's name ("membership-replies")
     * @param senderNeeded what a sender must be, for messages ("a retailer")
     */
    public PartnerRequests(String kind, Class<R> type, String replies, Predicate<Principal> allowed, String senderNeeded,
            Operation<R> operation, BiFunction<Principal, R, Object> execute, PartnerService partners, Json json) {
        this.kind = kind;
        this.type = type;
        this.replies = replies;
        this.allowed = allowed;
        this.senderNeeded = senderNeeded;
        this.operation = operation;
        this.execute = execute;
        this.partners = partners;
        this.json = json;
    }

    /** The result's fields go into the reply itself instead of under {@code result} (the bulk tag replies' form). */
    public PartnerRequests<R> resultInline() {
        this.resultInline = true;
        return this;
    }

    public void handle(Exchange exchange) throws Exception {
        String original = exchange.getMessage().getBody(String.class);
        exchange.setProperty(ORIGINAL, original);
        String correlation = exchange.getMessage().getHeader("JMSCorrelationID", String.class);
        exchange.setProperty(CORRELATION_ID, correlation != null ? correlation
                : exchange.getMessage().getHeader("JMSMessageID", String.class));
        String keyId = exchange.getMessage().getHeader(VALIDATED_USER, String.class);
        Optional<Principal> sender = partners.principalOfKey(keyId).filter(allowed);
        if (sender.isEmpty()) {
            exchange.setProperty(DEAD_LETTER_REASON, "sender " + keyId + " is not " + senderNeeded + " with a valid credential");
            LOG.warn("{} dead-lettered: sender {} is not {} with a valid credential", kind, keyId, senderNeeded);
            return;
        }
        Principal p = sender.get();
        exchange.setProperty(REPLY_QUEUE, "tapbus.partner." + p.partnerId() + "." + replies);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("correlationId", exchange.getProperty(CORRELATION_ID));
        try {
            R req = parse(original);
            reply.put("operation", operation.name(req));
            Object result = execute.apply(p, req);
            reply.put("ok", true);
            if (resultInline && result instanceof Map<?, ?> fields) {
                fields.forEach((k, v) -> reply.put(String.valueOf(k), v));
            } else {
                reply.put("result", result);
            }
        } catch (ApiProblem | DomainError refused) {
            ApiProblem problem = ProblemResponder.toProblem(refused);
            reply.put("ok", false);
            reply.put("status", problem.status());
            reply.put("detail", problem.getMessage());
            exchange.setProperty(DEAD_LETTER_REASON, problem.status() + " " + problem.getMessage());
            LOG.info("{} from {} refused: {} {}", kind, p.partnerId(), problem.status(), problem.getMessage());
        }
        exchange.getMessage().setBody(json.mapper().writeValueAsString(reply));
    }

    private R parse(String body) {
        if (body == null || body.isBlank()) {
            throw DomainError.invalid("the message has no JSON body");
        }
        try {
            return json.mapper().readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
        } catch (Exception e) {
            throw DomainError.invalid("the body is not a " + kind + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
