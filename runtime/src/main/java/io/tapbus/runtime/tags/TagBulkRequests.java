package io.tapbus.runtime.tags;

import io.tapbus.runtime.domain.DomainError;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.api.ProblemResponder;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.api.Principal;
import io.tapbus.runtime.platform.PartnerService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manufacturers' bulk requests over JMS: register many tags, or move many items along the supply chain, with the
 * same checks as the REST API. The sender is the credential the broker authenticated ({@code JMSXUserID},
 * stamped by the broker, so it cannot be claimed); the answer goes to the sender's own
 * {@code tapbus.partner.<id>.tag-replies} queue, never to a JMSReplyTo the sender chose. A request that cannot be
 * processed is answered with the reason and copied to the dead-letter queue with that reason.
 */
public final class TagBulkRequests {
    /** Exchange properties the route reads. */
    public static final String REPLY_QUEUE = "TapBusReplyQueue";
    public static final String CORRELATION_ID = "TapBusCorrelationId";
    public static final String DEAD_LETTER_REASON = "TapBusDeadLetterReason";
    public static final String ORIGINAL = "TapBusOriginal";
    /** Artemis exposes the validated user (_AMQ_VALIDATED_USER, overwritten by the broker) as JMSXUserID. */
    static final String VALIDATED_USER = "JMSXUserID";
    private static final Logger LOG = LoggerFactory.getLogger(TagBulkRequests.class);

    private final TagRegistry registry;
    private final PartnerService partners;
    private final Json json;

    public TagBulkRequests(TagRegistry registry, PartnerService partners, Json json) {
        this.registry = registry;
        this.partners = partners;
        this.json = json;
    }

    /** {@code {"operation":"registerTags","batchId":..,"tags":[{uid,serialNumber}..]}} or {@code {"operation":"setStatus","items":[{uid,status,storeId}..]}}. */
    public record BulkRequest(String operation, String batchId, List<TagRegistry.NewTag> tags, List<StatusItem> items) {}

    public record StatusItem(String uid, String status, String storeId) {}

    public void handle(Exchange exchange) throws Exception {
        String original = exchange.getMessage().getBody(String.class);
        exchange.setProperty(ORIGINAL, original);
        String correlation = exchange.getMessage().getHeader("JMSCorrelationID", String.class);
        exchange.setProperty(CORRELATION_ID, correlation != null ? correlation : exchange.getMessage().getHeader("JMSMessageID", String.class));
        String keyId = exchange.getMessage().getHeader(VALIDATED_USER, String.class);
        Optional<Principal> sender = partners.principalOfKey(keyId).filter(p -> p.has(Principal.MANUFACTURER));
        if (sender.isEmpty()) {
            exchange.setProperty(DEAD_LETTER_REASON, "sender " + keyId + " is not a manufacturer with a valid credential");
            LOG.warn("bulk tag request dead-lettered: sender {} is not a manufacturer with a valid credential (headers {})", keyId,
                    exchange.getMessage().getHeaders().keySet());
            return;
        }
        Principal maker = sender.get();
        exchange.setProperty(REPLY_QUEUE, "tapbus.partner." + maker.partnerId() + ".tag-replies");
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("correlationId", exchange.getProperty(CORRELATION_ID));
        try {
            BulkRequest req = parse(original);
            reply.put("operation", req.operation());
            reply.put("ok", true);
            reply.putAll(execute(maker, req));
        } catch (ApiProblem | DomainError refused) {
            ApiProblem problem = ProblemResponder.toProblem(refused);
            reply.put("ok", false);
            reply.put("status", problem.status());
            reply.put("detail", problem.getMessage());
            exchange.setProperty(DEAD_LETTER_REASON, problem.status() + " " + problem.getMessage());
            LOG.info("bulk tag request from {} refused: {} {}", maker.partnerId(), problem.status(), problem.getMessage());
        }
        exchange.getMessage().setBody(json.mapper().writeValueAsString(reply));
    }

    private BulkRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw DomainError.invalid("the message has no JSON body");
        }
        try {
            return json.mapper().readerFor(BulkRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
        } catch (Exception e) {
            throw DomainError.invalid("the body is not a bulk request: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private Map<String, Object> execute(Principal maker, BulkRequest req) {
        if ("registerTags".equals(req.operation())) {
            return Map.of("batchId", String.valueOf(req.batchId()),
                    "registered", registry.registerTags(maker.partnerId(), req.batchId(), req.tags(), maker.partnerId()));
        }
        if ("setStatus".equals(req.operation())) {
            if (req.items() == null || req.items().isEmpty() || req.items().size() > TagRegistry.MAX_TAGS_PER_REQUEST) {
                throw DomainError.invalid("give 1 to " + TagRegistry.MAX_TAGS_PER_REQUEST + " items");
            }
            List<Map<String, Object>> results = new ArrayList<>();
            int changed = 0;
            for (StatusItem item : req.items()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("uid", item.uid());
                try {
                    registry.setStatus(maker.partnerId(), item.uid(), item.status(), item.storeId(), maker.partnerId());
                    r.put("ok", true);
                    changed++;
                } catch (ApiProblem | DomainError refused) {
                    r.put("ok", false);
                    r.put("detail", refused.getMessage());
                }
                results.add(r);
            }
            return Map.of("changed", changed, "items", results);
        }
        throw DomainError.invalid("operation must be registerTags or setStatus");
    }
}
