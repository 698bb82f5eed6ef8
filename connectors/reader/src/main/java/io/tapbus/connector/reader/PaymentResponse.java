package io.tapbus.connector.reader;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The body of a PAYMENT_RESPONSE (docs/reader-protocol.md §12.2):
 * {@code {"verdict":"APPROVED","reasons":[],"transactionId":"T-2","correlationId":"pay-0001","arpc":"…","csu":"00800000",
 * "arc":"3030","balanceMinor":3750,"cardWrites":[{"kind":"BALANCE","valueMinor":3750}]}}. Null fields are left out.
 *
 * @param verdict       APPROVED, DECLINED, STEP_UP_REQUIRED (the cardholder confirms on the phone; the server
 *                      completes later) or ERROR (the payment could not be decided; retry with the same correlationId)
 * @param reasons       why, especially when not APPROVED; may be empty
 * @param transactionId the platform's id of the payment; required when there are card writes
 * @param correlationId the request's correlationId
 * @param arpc          ARPC method 2 (4 bytes, 8 hex digits) when the issuer authenticated the card; with {@code csu}
 * @param csu           card status update (4 bytes, 8 hex digits) that the ARPC covers; with {@code arpc}
 * @param arc           authorisation response code (2 bytes, 4 hex digits), optional
 * @param balanceMinor  optional; the account balance after the payment
 * @param cardWrites    what to write to the card after EXTERNAL AUTHENTICATE; only with APPROVED
 * @param basket        how the request's basket was priced (only when the request carried one and is answered now)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentResponse(Verdict verdict, List<TapResponse.Reason> reasons, String transactionId,
                              String correlationId, String arpc, String csu, String arc, Long balanceMinor,
                              List<CardWrite> cardWrites, BasketAnswer basket) {

    public enum Verdict { APPROVED, DECLINED, STEP_UP_REQUIRED, ERROR }

    public PaymentResponse {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        cardWrites = cardWrites == null ? List.of() : List.copyOf(cardWrites);
    }

    /** A response without a basket. */
    public PaymentResponse(Verdict verdict, List<TapResponse.Reason> reasons, String transactionId, String correlationId, String arpc,
                           String csu, String arc, Long balanceMinor, List<CardWrite> cardWrites) {
        this(verdict, reasons, transactionId, correlationId, arpc, csu, arc, balanceMinor, cardWrites, null);
    }

    public byte[] toJson() {
        return Json.write(this);
    }

    /** ARPC and CSU as EXTERNAL AUTHENTICATE sends them, when the server sent an ARPC. */
    public Optional<byte[]> arpcBytes() {
        return Optional.ofNullable(arpc).map(HexFormat.of()::parseHex);
    }

    public Optional<byte[]> csuBytes() {
        return Optional.ofNullable(csu).map(HexFormat.of()::parseHex);
    }

    /** Parses a PAYMENT_RESPONSE body (what a reader does with a reply); problems become BAD_BODY. */
    public static PaymentResponse parse(byte[] body) throws FrameException {
        try {
            JsonNode node = Json.object(body);
            String verdictText = Json.requiredText(node, "verdict");
            Verdict verdict;
            try {
                verdict = Verdict.valueOf(verdictText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("verdict must be APPROVED, DECLINED, STEP_UP_REQUIRED or ERROR");
            }
            List<TapResponse.Reason> reasons = TapResponse.reasons(node);
            String transactionId = Json.text(node, "transactionId");
            String arpc = Json.hex(node, "arpc", 8, 8, "8 hex digits (ARPC method 2)");
            String csu = Json.hex(node, "csu", 8, 8, "8 hex digits");
            if ((arpc == null) != (csu == null)) {
                throw new IllegalArgumentException("arpc and csu come together: the ARPC covers the CSU");
            }
            String arc = Json.hex(node, "arc", 4, 4, "4 hex digits");
            List<CardWrite> writes = cardWrites(node);
            if (!writes.isEmpty() && verdict != Verdict.APPROVED) {
                throw new IllegalArgumentException("cardWrites are only allowed with verdict APPROVED");
            }
            if (!writes.isEmpty() && (transactionId == null || transactionId.isEmpty())) {
                throw new IllegalArgumentException("transactionId is required with cardWrites");
            }
            return new PaymentResponse(verdict, reasons, transactionId, Json.text(node, "correlationId"), arpc, csu,
                    arc, Json.integer(node, "balanceMinor"), writes, BasketAnswer.parse(node));
        } catch (IllegalArgumentException e) {
            throw new FrameException(ErrorCode.BAD_BODY, e.getMessage());
        }
    }

    private static List<CardWrite> cardWrites(JsonNode node) {
        List<CardWrite> writes = new ArrayList<>();
        JsonNode array = node.get("cardWrites");
        if (array == null || array.isNull()) {
            return writes;
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("cardWrites must be an array");
        }
        for (int i = 0; i < array.size(); i++) {
            try {
                writes.add(CardWrite.parse(array.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cardWrites[" + i + "]" + (e.getMessage().startsWith("must") ? " " : ".")
                        + e.getMessage());
            }
        }
        return writes;
    }
}
