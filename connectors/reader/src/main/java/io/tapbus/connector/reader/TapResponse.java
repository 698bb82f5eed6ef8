package io.tapbus.connector.reader;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a TAP_RESPONSE:
 * {@code {"verdict":"APPROVED","reasons":[{"code":"...","message":"..."}],"transactionId":"...","decisionId":"...",
 * "balanceMinor":123,"correlationId":"..."}}. Null fields are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TapResponse(Verdict verdict, List<Reason> reasons, String transactionId, String decisionId,
                          Long balanceMinor, String correlationId) {

    public enum Verdict { APPROVED, DECLINED }

    public record Reason(String code, String message) {
    }

    public TapResponse {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public byte[] toJson() {
        return Json.write(this);
    }

    /** Parses a TAP_RESPONSE body; unknown fields are ignored. */
    public static TapResponse parse(byte[] body) throws FrameException {
        try {
            JsonNode node = Json.object(body);
            String verdictText = Json.requiredText(node, "verdict");
            Verdict verdict;
            try {
                verdict = Verdict.valueOf(verdictText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("verdict must be APPROVED or DECLINED");
            }
            List<Reason> reasons = reasons(node);
            return new TapResponse(verdict, reasons, Json.text(node, "transactionId"), Json.text(node, "decisionId"),
                    Json.integer(node, "balanceMinor"), Json.text(node, "correlationId"));
        } catch (IllegalArgumentException e) {
            throw new FrameException(ErrorCode.BAD_BODY, e.getMessage());
        }
    }

    /** The optional {@code reasons} array of a reply body; shared with PAYMENT_RESPONSE. */
    static List<Reason> reasons(JsonNode node) {
        List<Reason> reasons = new ArrayList<>();
        JsonNode reasonNodes = node.get("reasons");
        if (reasonNodes != null && !reasonNodes.isNull()) {
            if (!reasonNodes.isArray()) {
                throw new IllegalArgumentException("reasons must be an array");
            }
            for (JsonNode reason : reasonNodes) {
                if (!reason.isObject()) {
                    throw new IllegalArgumentException("each reason must be an object");
                }
                reasons.add(new Reason(Json.text(reason, "code"), Json.text(reason, "message")));
            }
        }
        return reasons;
    }
}
