package io.tapbus.runtime.api;

import io.tapbus.runtime.ota.OtaQueries;
import io.tapbus.runtime.ota.OtaUpdates;
import java.io.IOException;
import org.apache.camel.Exchange;

/**
 * REST: OTA updates of the universal card. Send one (a membership entry, a ticket, a key, or raw C-APDUs), secured
 * with the card's keys and queued durably as SMS-PP data download; and see where it stands, up to its proof of
 * receipt. Neither the data nor any key is ever shown back.
 */
public final class OtaApi {
    private final OtaUpdates updates;
    private final OtaQueries queries;
    private final Json json;

    /** @param updates null when OTA is off (no OTA master key configured) */
    public OtaApi(OtaUpdates updates, OtaQueries queries, Json json) {
        this.updates = updates;
        this.queries = queries;
        this.json = json;
    }

    public record NewUpdate(String cardUid, String kind, String data, Integer keySet) {}

    public void send(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        NewUpdate req = json.read(exchange, NewUpdate.class);
        if (req.cardUid() == null || req.kind() == null || req.data() == null) {
            throw ApiProblem.badRequest("cardUid, kind and data are required");
        }
        if (req.data().length() > 1000) {
            throw ApiProblem.badRequest("data is longer than 1000 hex digits");
        }
        if (updates == null) {
            throw ApiProblem.of(503, "OTA updates are off: no OTA master key is configured (tapbus.keys.ota-master-file)");
        }
        json.reply(exchange, 202, updates.send(req.cardUid(), req.kind(), req.data(), req.keySet()));
    }

    public void get(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ADMIN, Principal.ISSUER);
        String id = exchange.getMessage().getHeader("commandId", String.class);
        json.reply(exchange, 200, queries.find(id).orElseThrow(() -> ApiProblem.notFound("OTA command " + id)));
    }
}
