package io.tapbus.runtime.api;

import io.tapbus.runtime.phone.WapPushes;
import java.io.IOException;
import java.time.Duration;
import org.apache.camel.Exchange;

/**
 * REST: WAP Push sent by the bus. Queue a Service Indication or Service Loading for a phone (durable when answered,
 * sent as binary SMS to WDP port 2948 through the SMS outbox); its state is that of the SMS ({@code GET /sms/{id}}).
 */
public final class WapPushApi {
    private final WapPushes pushes;
    private final Json json;

    public WapPushApi(WapPushes pushes, Json json) {
        this.pushes = pushes;
        this.json = json;
    }

    public record NewPush(String msisdn, String kind, String href, String text, String action, String created,
            String expires, String siId, String correlation, Integer validitySeconds) {}

    public void send(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        NewPush req = json.read(exchange, NewPush.class);
        if (req.correlation() != null && req.correlation().length() > 128) {
            throw ApiProblem.badRequest("correlation is longer than 128 characters");
        }
        if (req.validitySeconds() != null && (req.validitySeconds() < 1 || req.validitySeconds() > 604_800)) {
            throw ApiProblem.badRequest("validitySeconds must be 1 to 604800 (a week)");
        }
        WapPushes.Queued queued = pushes.send(new WapPushes.Push(req.msisdn(), req.kind(), req.href(), req.text(),
                req.action(), req.created(), req.expires(), req.siId(), req.correlation(),
                req.validitySeconds() == null ? null : Duration.ofSeconds(req.validitySeconds())));
        json.reply(exchange, 202, queued);
    }
}
