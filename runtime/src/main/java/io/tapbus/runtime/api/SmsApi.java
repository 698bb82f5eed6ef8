package io.tapbus.runtime.api;

import io.tapbus.connector.phone.PhoneCodecException;
import io.tapbus.runtime.phone.PhoneChannel;
import io.tapbus.runtime.phone.SmsOutbox;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * REST: outgoing SMS. Queue a text for a phone (it is durable when answered, and sent when an SMSC is bound), and
 * see where a message stands, by id or by correlation. The text itself is never shown back.
 */
public final class SmsApi {
    private final PhoneChannel phone;
    private final Json json;

    public SmsApi(PhoneChannel phone, Json json) {
        this.phone = phone;
        this.json = json;
    }

    public record NewSms(String msisdn, String text, String correlation, Integer validitySeconds) {}

    public void send(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        NewSms req = json.read(exchange, NewSms.class);
        if (req.msisdn() == null || req.text() == null || req.text().isEmpty()) {
            throw ApiProblem.badRequest("msisdn and text are required");
        }
        if (req.correlation() != null && req.correlation().length() > 128) {
            throw ApiProblem.badRequest("correlation is longer than 128 characters");
        }
        if (req.text().length() > 4000) {
            throw ApiProblem.badRequest("text is longer than 4000 characters");
        }
        if (req.validitySeconds() != null && (req.validitySeconds() < 1 || req.validitySeconds() > 604_800)) {
            throw ApiProblem.badRequest("validitySeconds must be 1 to 604800 (a week)");
        }
        SmsOutbox.Queued queued;
        try {
            queued = phone.send(req.msisdn(), req.text(), req.correlation(),
                    req.validitySeconds() == null ? null : java.time.Duration.ofSeconds(req.validitySeconds()));
        } catch (PhoneCodecException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        json.reply(exchange, 202, Map.of("messageId", queued.messageId(), "state", "QUEUED", "parts", queued.parts()));
    }

    public void get(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        String id = exchange.getMessage().getHeader("messageId", String.class);
        json.reply(exchange, 200, phone.queries().find(id).orElseThrow(() -> ApiProblem.notFound("SMS " + id)));
    }

    public void list(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        String correlation = exchange.getMessage().getHeader("correlation", String.class);
        if (correlation == null || correlation.isBlank()) {
            throw ApiProblem.badRequest("give correlation, e.g. stepup:PAY-... or reply:...");
        }
        int limit = Math.max(1, Math.min(500, exchange.getMessage().getHeader("limit", 100, Integer.class)));
        json.reply(exchange, 200, Map.of("messages", phone.queries().byCorrelation(correlation, limit)));
    }
}
