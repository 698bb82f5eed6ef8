package io.tapbus.connector.reader;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of a MEMBERSHIP_RESULT (docs/reader-protocol.md §16.3): the membership-merge decision on a card added by tap.
 * Null fields are left out.
 *
 * @param verdict      APPROVED (merged), DECLINED or REFERRED (nothing changed), as the membership-merge rules decide
 * @param reasons      the rules' reasons ({@code ALREADY_MERGED}, {@code MERGED_ELSEWHERE}, {@code CONSENT_REQUIRED}, …)
 * @param status       the card's state once merged: ACTIVE, or RETIRED when another card of the programme survived
 * @param pointsCredited points the card brought into {@code pointsProgrammeId}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MembershipAddResult(String requestId, String verdict, List<TapResponse.Reason> reasons, String programmeId,
                                  String memberNumber, String status, String tier, String retiredMemberNumber,
                                  String pointsProgrammeId, Long pointsCredited, String decisionId) {

    public byte[] toJson() {
        return Json.write(this);
    }

    /** Parses a MEMBERSHIP_RESULT body (what a reader does with the reply); problems become BAD_BODY. */
    public static MembershipAddResult parse(byte[] body) throws FrameException {
        try {
            JsonNode node = Json.object(body);
            return new MembershipAddResult(Json.requiredText(node, "requestId"), Json.requiredText(node, "verdict"),
                    TapResponse.reasons(node), Json.requiredText(node, "programmeId"), Json.requiredText(node, "memberNumber"),
                    Json.text(node, "status"), Json.text(node, "tier"), Json.text(node, "retiredMemberNumber"),
                    Json.text(node, "pointsProgrammeId"), Json.integer(node, "pointsCredited"), Json.text(node, "decisionId"));
        } catch (IllegalArgumentException e) {
            throw new FrameException(ErrorCode.BAD_BODY, e.getMessage());
        }
    }
}
