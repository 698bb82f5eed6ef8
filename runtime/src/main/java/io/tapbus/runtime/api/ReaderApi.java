package io.tapbus.runtime.api;

import io.tapbus.runtime.platform.ReaderRegistry;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.Exchange;

/** REST: system management of card readers. Administrators register; merchants see their own readers. */
public final class ReaderApi {
    private final ReaderRegistry readers;
    private final Json json;

    public ReaderApi(ReaderRegistry readers, Json json) {
        this.readers = readers;
        this.json = json;
    }

    public record RegisterReader(String readerId, String merchantId, String location) {}

    public record StatusChange(String status) {}

    public void register(Exchange exchange) throws IOException {
        Principal admin = ApiSecurity.require(exchange, Principal.ADMIN);
        RegisterReader req = json.read(exchange, RegisterReader.class);
        json.reply(exchange, 201, readers.register(req.readerId(), req.merchantId(), req.location(), admin.partnerId()));
    }

    public void list(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.MERCHANT);
        json.reply(exchange, 200, readers.list(p.isAdmin() ? null : p.partnerId()));
    }

    /** Every reader with its key's check value (admin): to compare with the value a reader shows, never the key. */
    public void keyChecks(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN);
        json.reply(exchange, 200, Map.of("readers", readers.keyChecks()));
    }

    public void get(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.ADMIN, Principal.MERCHANT);
        String id = exchange.getMessage().getHeader("readerId", String.class);
        ReaderRegistry.Reader reader = readers.find(id)
                .filter(r -> p.isAdmin() || r.merchantId().equals(p.partnerId()))
                .orElseThrow(() -> ApiProblem.notFound("reader " + id));
        json.reply(exchange, 200, reader);
    }

    public void setStatus(Exchange exchange) throws IOException {
        Principal admin = ApiSecurity.require(exchange, Principal.ADMIN);
        String id = exchange.getMessage().getHeader("readerId", String.class);
        StatusChange req = json.read(exchange, StatusChange.class);
        json.reply(exchange, 200, readers.setStatus(id, req.status() == null ? "" : req.status(), admin.partnerId()));
    }
}
