package io.tapbus.connector.reader;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The body of a MEMBERSHIP_ADD frame (docs/reader-protocol.md §16.2): the holder taps their universal card, then the old
 * retailer card, at a reader of the retailer, and asks to merge it.
 * {@code {"requestId":"MA-0001","cardUid":"04A1B2C3D4E5F6","memberCard":"544D01…","consent":true,"readerTime":"…Z"}}.
 *
 * @param requestId  the reader's id of this request, 1 to 64 of [A-Za-z0-9._:-], echoed in the answer
 * @param cardUid    the universal card's UID, 8, 14 or 20 hex digits, upper-case
 * @param memberCard the old card's record as read ({@link MemberCardRecord}), hex, upper-case
 * @param consent    the holder confirmed on the reader's screen that the card may be merged (false when not asked)
 * @param readerTime the reader's clock, ISO-8601 instant
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MembershipAddRequest(String requestId, String cardUid, String memberCard, boolean consent, String readerTime) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern CARD_UID = Pattern.compile("[0-9A-Fa-f]{8}|[0-9A-Fa-f]{14}|[0-9A-Fa-f]{20}");

    public byte[] toJson() {
        return Json.write(this);
    }

    /** The old card's record; the body was checked when parsed, so this does not fail for a parsed request. */
    public MemberCardRecord record() {
        return MemberCardRecord.decode(HexFormat.of().parseHex(memberCard));
    }

    /** Parses and validates the body of an authenticated MEMBERSHIP_ADD frame; problems become BAD_BODY naming the field. */
    public static MembershipAddRequest parse(ReaderFrame frame) throws FrameException {
        try {
            return parse(frame.body());
        } catch (IllegalArgumentException e) {
            throw new FrameException(ErrorCode.BAD_BODY, e.getMessage(), frame.readerId(), frame.sequence());
        }
    }

    static MembershipAddRequest parse(byte[] body) {
        JsonNode node = Json.object(body);
        String requestId = Json.requiredText(node, "requestId");
        if (!ID.matcher(requestId).matches()) {
            throw new IllegalArgumentException("requestId must be 1 to 64 characters of [A-Za-z0-9._:-]");
        }
        String cardUid = Json.requiredText(node, "cardUid");
        if (!CARD_UID.matcher(cardUid).matches()) {
            throw new IllegalArgumentException("cardUid must be 8, 14 or 20 hex digits");
        }
        String memberCard = Json.requiredHex(node, "memberCard", 6, MemberCardRecord.MAX_LENGTH * 2,
                "the member card's record, 6 to " + MemberCardRecord.MAX_LENGTH * 2 + " hex digits");
        try {
            MemberCardRecord.decode(HexFormat.of().parseHex(memberCard));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("memberCard " + e.getMessage());
        }
        Boolean consent = Json.bool(node, "consent");
        String readerTime = Json.requiredText(node, "readerTime");
        try {
            Instant.parse(readerTime);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("readerTime must be an ISO-8601 instant such as 2026-12-07T10:00:00Z");
        }
        return new MembershipAddRequest(requestId, cardUid.toUpperCase(Locale.ROOT), memberCard, Boolean.TRUE.equals(consent), readerTime);
    }
}
