package io.tapbus.connector.reader.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * The platform's answer to one gate validation: the body of a TICKET_RESULT, and one element of a TICKET_SYNC_ACK's
 * {@code results} (docs/reader-protocol.md §14).
 *
 * @param outcome   online: OPEN (the gate opens) or REFUSED. Offline uploads: COUNTED (one use counted),
 *                  DOUBLE_USE (the ticket had been used up elsewhere: reported, not counted), REFUSED (the platform
 *                  would not have opened, e.g. revoked; reported, not counted)
 * @param reasons   the decision's reason codes
 * @param usesLeft  uses left after this validation; -1 when the ticket has no limit
 * @param repeated  true when the gate had sent this validationId before: the first answer, nothing counted again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateAnswer(String validationId, String outcome, String ticketId, List<String> reasons, Integer usesLeft,
                         String decisionId, boolean repeated) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] syncAck(List<GateAnswer> results) {
        try {
            return JSON.writeValueAsBytes(java.util.Map.of("results", results));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static GateAnswer parse(byte[] body) throws IOException {
        return JSON.readValue(body, GateAnswer.class);
    }

    public static List<GateAnswer> parseSyncAck(byte[] body) throws IOException {
        return List.of(JSON.readValue(JSON.readTree(body).get("results").traverse(JSON), GateAnswer[].class));
    }
}
