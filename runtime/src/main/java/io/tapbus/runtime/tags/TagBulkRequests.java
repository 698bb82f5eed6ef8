package io.tapbus.runtime.tags;

import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.broker.PartnerRequests;
import io.tapbus.runtime.api.Principal;
import io.tapbus.runtime.platform.PartnerService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Manufacturers' bulk requests over JMS: register many tags, or move many items along the supply chain, with the
 * same checks as the REST API. The sender is the credential the broker authenticated ({@code JMSXUserID},
 * stamped by the broker, so it cannot be claimed); the answer goes to the sender's own
 * {@code tapbus.partner.<id>.tag-replies} queue, never to a JMSReplyTo the sender chose. A request that cannot be
 * processed is answered with the reason and copied to the dead-letter queue with that reason.
 */
public final class TagBulkRequests {
    private final TagRegistry registry;
    private final PartnerRequests<BulkRequest> requests;

    public TagBulkRequests(TagRegistry registry, PartnerService partners, Json json) {
        this.registry = registry;
        this.requests = new PartnerRequests<>("bulk tag request", BulkRequest.class, "tag-replies",
                p -> p.has(Principal.MANUFACTURER), "a manufacturer", BulkRequest::operation, this::execute, partners, json)
                .resultInline();
    }

    /** {@code {"operation":"registerTags","batchId":..,"tags":[{uid,serialNumber}..]}} or {@code {"operation":"setStatus","items":[{uid,status,storeId}..]}}. */
    public record BulkRequest(String operation, String batchId, List<TagRegistry.NewTag> tags, List<StatusItem> items) {}

    public record StatusItem(String uid, String status, String storeId) {}

    public void handle(Exchange exchange) throws Exception {
        requests.handle(exchange);
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
