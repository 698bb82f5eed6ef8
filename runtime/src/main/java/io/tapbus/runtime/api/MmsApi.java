package io.tapbus.runtime.api;

import io.tapbus.runtime.mms.MmsChannel;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * REST: e-tickets and coupons sent as MMS. Queue one for a phone (durable when answered, sent when the MMSC takes it)
 * and see where it stands, by id or by correlation. Subject, text and QR payload are never shown back.
 */
public final class MmsApi {
    private final MmsChannel mms;
    private final Json json;

    public MmsApi(MmsChannel mms, Json json) {
        this.mms = mms;
        this.json = json;
    }

    public record NewMms(String kind, String msisdn, String subject, String text, String qrPayload,
            String correlation) {}

    public void send(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        NewMms req = json.read(exchange, NewMms.class);
        if (req.kind() == null || !MmsChannel.KINDS.containsKey(req.kind())) {
            throw ApiProblem.badRequest("kind must be TICKET or COUPON");
        }
        if (req.msisdn() == null || req.text() == null || req.text().isEmpty() || req.qrPayload() == null
                || req.qrPayload().isEmpty()) {
            throw ApiProblem.badRequest("msisdn, text and qrPayload are required");
        }
        if (req.text().length() > 2000 || req.qrPayload().length() > 2000) {
            throw ApiProblem.badRequest("text and qrPayload are at most 2000 characters each");
        }
        if (req.subject() != null && req.subject().length() > 200) {
            throw ApiProblem.badRequest("subject is longer than 200 characters");
        }
        if (req.correlation() != null && req.correlation().length() > 128) {
            throw ApiProblem.badRequest("correlation is longer than 128 characters");
        }
        String id;
        try {
            id = mms.queue(req.kind(), req.msisdn(), req.subject(), req.text(), req.qrPayload(), req.correlation());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        json.reply(exchange, 202, Map.of("messageId", id, "state", "QUEUED"));
    }

    public void get(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        String id = exchange.getMessage().getHeader("messageId", String.class);
        json.reply(exchange, 200, mms.queries().find(id).orElseThrow(() -> ApiProblem.notFound("MMS " + id)));
    }

    public void list(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        String correlation = exchange.getMessage().getHeader("correlation", String.class);
        if (correlation == null || correlation.isBlank()) {
            throw ApiProblem.badRequest("give correlation, e.g. ticket:T-2026-000123");
        }
        int limit = Math.max(1, Math.min(500, exchange.getMessage().getHeader("limit", 100, Integer.class)));
        json.reply(exchange, 200, Map.of("messages", mms.queries().byCorrelation(correlation, limit)));
    }
}
