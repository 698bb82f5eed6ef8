package io.tapbus.runtime.api;

import io.tapbus.runtime.tags.TagRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * REST: the manufacturer's tag services. A manufacturer registers its products, tag batches (with their SDM keys,
 * which are stored sealed and never returned), tag UIDs bound to serial numbers, and moves items along the supply
 * chain; it reads its own batches' scans. Advertisers (and the manufacturer) attach offers to products.
 * Administrators read everything.
 */
public final class TagApi {
    private final TagRegistry registry;
    private final Json json;

    public TagApi(TagRegistry registry, Json json) {
        this.registry = registry;
        this.json = json;
    }

    public record NewProduct(String sku, String name, String description, String infoUrl) {}

    public record NewTags(List<TagRegistry.NewTag> tags) {}

    public record StatusChange(String status, String storeId) {}

    public void createProduct(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.MANUFACTURER);
        NewProduct req = json.read(exchange, NewProduct.class);
        json.reply(exchange, 201, registry.createProduct(p.partnerId(), req.sku(), req.name(), req.description(), req.infoUrl(),
                p.partnerId()));
    }

    public void listProducts(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.MANUFACTURER, Principal.ADVERTISER);
        json.reply(exchange, 200, registry.products(p.has(Principal.MANUFACTURER) && !p.isAdmin() ? p.partnerId() : null));
    }

    public void getProduct(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.MANUFACTURER, Principal.ADVERTISER);
        String id = exchange.getMessage().getHeader("productId", String.class);
        TagRegistry.Product product = registry.product(id)
                .filter(x -> p.isAdmin() || p.has(Principal.ADVERTISER) || x.manufacturerId().equals(p.partnerId()))
                .orElseThrow(() -> ApiProblem.notFound("product " + id));
        json.reply(exchange, 200, product);
    }

    public void registerBatch(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.MANUFACTURER);
        TagRegistry.NewBatch req = json.read(exchange, TagRegistry.NewBatch.class);
        json.reply(exchange, 201, registry.registerBatch(p.partnerId(), req, p.partnerId()));
    }

    public void getBatch(Exchange exchange) throws IOException {
        json.reply(exchange, 200, ownBatch(exchange));
    }

    /** The caller's batches, newest first (an administrator: all). */
    public void listBatches(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.MANUFACTURER);
        json.reply(exchange, 200, registry.batches(p.isAdmin() ? null : p.partnerId(), null));
    }

    public void registerTags(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.MANUFACTURER);
        String batchId = exchange.getMessage().getHeader("batchId", String.class);
        NewTags req = json.read(exchange, NewTags.class);
        int count = registry.registerTags(p.partnerId(), batchId, req.tags(), p.partnerId());
        json.reply(exchange, 201, Map.of("batchId", batchId, "registered", count));
    }

    public void batchScans(Exchange exchange) throws IOException {
        TagRegistry.Batch batch = ownBatch(exchange);
        Integer limit = exchange.getMessage().getHeader("limit", 50, Integer.class);
        json.reply(exchange, 200, registry.scans(batch.batchId(), limit));
    }

    public void getTag(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.MANUFACTURER);
        String uid = exchange.getMessage().getHeader("uid", String.class);
        TagRegistry.Tag tag = registry.tag(uid)
                .filter(t -> p.isAdmin() || registry.batch(t.batchId()).map(b -> b.manufacturerId().equals(p.partnerId())).orElse(false))
                .orElseThrow(() -> ApiProblem.notFound("tag " + uid));
        json.reply(exchange, 200, tag);
    }

    public void setTagStatus(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.MANUFACTURER);
        String uid = exchange.getMessage().getHeader("uid", String.class);
        StatusChange req = json.read(exchange, StatusChange.class);
        json.reply(exchange, 200, registry.setStatus(p.partnerId(), uid, req.status(), req.storeId(), p.partnerId()));
    }

    public void addOffer(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADVERTISER, Principal.MANUFACTURER);
        TagRegistry.NewOffer req = json.read(exchange, TagRegistry.NewOffer.class);
        json.reply(exchange, 201, registry.addOffer(p.partnerId(), req, p.partnerId()));
    }

    private TagRegistry.Batch ownBatch(Exchange exchange) {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.MANUFACTURER);
        String id = exchange.getMessage().getHeader("batchId", String.class);
        return registry.batch(id).filter(b -> p.isAdmin() || b.manufacturerId().equals(p.partnerId()))
                .orElseThrow(() -> ApiProblem.notFound("tag batch " + id));
    }
}
