package io.tapbus.connector.reader.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One ticket presented at a gate: the body of a TICKET_VALIDATE frame, and one element of a TICKET_SYNC's
 * {@code validations} (docs/reader-protocol.md §14). {@code ticket} travels as base64url (no padding) of the
 * signed ticket bytes, or as the Base45 text of the QR code when it starts with "B45:".
 *
 * @param validationId the gate's id of this validation, ≤ 64 characters: the idempotency key per gate (reader)
 * @param ticket       the signed ticket bytes as read from the card or the QR code
 * @param gateLine     the gate line (the row of gates at one entrance), anti-passback counts per line
 * @param zone         the zone the gate stands in
 * @param at           when the ticket was presented (the gate's clock)
 */
public record GateValidation(String validationId, byte[] ticket, String gateLine, String zone, Instant at) {
    public static final int MAX_SYNC = 20;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a TICKET_VALIDATE body ({@code readerTime} is the time). */
    public static GateValidation parseValidate(byte[] body) {
        return parse(object(body), "readerTime");
    }

    /** Parses a TICKET_SYNC body: 1 to 20 validations made while the gate was offline ({@code validatedAt} each). */
    public static List<GateValidation> parseSync(byte[] body) {
        JsonNode list = object(body).get("validations");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_SYNC) {
            throw new IllegalArgumentException("validations must be an array of 1 to " + MAX_SYNC + " validations");
        }
        List<GateValidation> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isObject()) {
                throw new IllegalArgumentException("validations[" + i + "] must be an object");
            }
            try {
                out.add(parse(list.get(i), "validatedAt"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("validations[" + i + "]." + e.getMessage());
            }
        }
        return out;
    }

    private static GateValidation parse(JsonNode node, String timeField) {
        String id = text(node, "validationId", ID);
        String line = text(node, "gateLine", ID);
        String zone = text(node, "zone", ID);
        String ticketText = node.path("ticket").isTextual() ? node.get("ticket").asText() : null;
        if (ticketText == null || ticketText.isEmpty() || ticketText.length() > 600) {
            throw new IllegalArgumentException("ticket must be the ticket's base64url bytes or its B45: text");
        }
        byte[] ticket;
        try {
            ticket = ticketText.startsWith("B45:") ? Base45.decode(ticketText.substring(4)) : Base64.getUrlDecoder().decode(ticketText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ticket is not base64url or B45: text");
        }
        String time = node.path(timeField).isTextual() ? node.get(timeField).asText() : null;
        try {
            return new GateValidation(id, ticket, line, zone, Instant.parse(time == null ? "" : time));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(timeField + " must be an ISO-8601 instant such as 2026-12-07T08:00:00Z");
        }
    }

    /** The JSON object of this validation (for TICKET_VALIDATE with readerTime, inside TICKET_SYNC with validatedAt). */
    public ObjectNode toJson(String timeField) {
        ObjectNode n = JSON.createObjectNode();
        n.put("validationId", validationId).put("ticket", Base64.getUrlEncoder().withoutPadding().encodeToString(ticket))
                .put("gateLine", gateLine).put("zone", zone).put(timeField, at.toString());
        return n;
    }

    public byte[] validateBody() {
        return bytes(toJson("readerTime"));
    }

    public static byte[] syncBody(List<GateValidation> validations) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("validations");
        validations.forEach(v -> list.add(v.toJson("validatedAt")));
        return bytes(body);
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode object(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not JSON");
        }
    }

    private static String text(JsonNode node, String field, Pattern pattern) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || !pattern.matcher(v.asText()).matches()) {
            throw new IllegalArgumentException(field + " is required: 1 to 64 characters of [A-Za-z0-9._:-]");
        }
        return v.asText();
    }
}
