package io.tapbus.samples.daylife;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the steps share: the options, the REST client, the report, the partners' credentials, the person (phone, card,
 * account, device token) and the money the day moved, so the last step can check the balance against it.
 */
final class Day {
    final Options options;
    final Rest rest;
    final Report report;
    final PartnerEvents events;
    /** Unique per run, so a run against a bus that ran the day before makes new cards, orders and bills. */
    final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    final String adminToken;
    final Map<String, String> tokens = new HashMap<>();
    String deviceToken;
    String accountId;
    long startBalance;
    /** What the steps took from the stored value (positive) or gave back (negative). */
    long spent;
    String couponCode;

    Day(Options options, Rest rest, Report report, PartnerEvents events) throws IOException {
        this.options = options;
        this.rest = rest;
        this.report = report;
        this.events = events;
        this.adminToken = Files.readString(options.home().resolve("config/demo-keys/admin-api-key.txt")).strip();
    }

    Path home() {
        return options.home();
    }

    String msisdn() {
        return options.msisdn();
    }

    String card() {
        return options.cardUid();
    }

    /** A new credential of a demo partner with one role (minted by the admin, as a partner's operator would). */
    String credential(String partnerId, String role) throws IOException, InterruptedException {
        Rest.Reply r = rest.post("/partners/" + partnerId + "/credentials", adminToken, "{\"roles\":[" + Rest.q(role) + "]}");
        if (r.status() != 201) {
            throw new IOException("credential for " + partnerId + ": " + r.status() + " " + r.text());
        }
        String token = r.field("token");
        tokens.put(partnerId, token);
        return token;
    }

    /** Creates a merchant partner unless it exists. */
    void merchantPartner(String partnerId, String name) throws IOException, InterruptedException {
        Rest.Reply r = rest.post("/partners", adminToken, "{\"partnerId\":" + Rest.q(partnerId) + ",\"name\":" + Rest.q(name)
                + ",\"kind\":\"MERCHANT\"}");
        if (r.status() != 201 && r.status() != 409) {
            throw new IOException("partner " + partnerId + ": " + r.status() + " " + r.text());
        }
    }

    String token(String partnerId) {
        return tokens.get(partnerId);
    }

    long balance() throws IOException, InterruptedException {
        Rest.Reply r = rest.get("/app/accounts", deviceToken);
        return r.json().path("accounts").path(0).path("balanceMinor").asLong();
    }

    static String cny(long minor) {
        return String.format("%s%d.%02d CNY", minor < 0 ? "-" : "", Math.abs(minor) / 100, Math.abs(minor) % 100);
    }
}
