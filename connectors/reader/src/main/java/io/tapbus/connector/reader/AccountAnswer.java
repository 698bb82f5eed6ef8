package io.tapbus.connector.reader;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;

/**
 * The body of an ACCOUNT_ANSWER (docs/reader-protocol.md §15), sized for a reader's display: the balance and, for points,
 * coupons and tickets, how many there are and the first {@link #FIRST} of each with names cut to {@link #NAME_LENGTH}
 * characters.
 * {@code {"cardStatus":"ACTIVE","balanceMinor":100000,"currency":"CNY","points":{"count":1,"first":[{"name":"Demo Shop Club",
 * "points":120}]},"coupons":{"count":0,"first":[]},"tickets":{"count":0,"first":[]},"correlationId":"bal-0001"}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountAnswer(String cardStatus, long balanceMinor, String currency, Summary<PointsLine> points,
                            Summary<CouponLine> coupons, Summary<TicketLine> tickets, String correlationId) {
    /** At most this many lines of each kind. */
    public static final int FIRST = 3;
    /** Programme and product names are cut to this many characters. */
    public static final int NAME_LENGTH = 16;

    /** How many there are, and the first few. */
    public record Summary<T>(int count, List<T> first) {
        public Summary {
            first = first == null ? List.of() : List.copyOf(first);
        }

        /** The count of all, and the first {@link #FIRST} of them. */
        public static <T> Summary<T> of(List<T> all) {
            return new Summary<>(all.size(), all.subList(0, Math.min(FIRST, all.size())));
        }
    }

    /** A programme's points. */
    public record PointsLine(String name, long points) {}

    /** A usable coupon and its last day (yyyy-MM-dd, UTC), or null when it has none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CouponLine(String code, String until) {}

    /** A valid ticket: kind, product, uses left (-1: no limit) and its last day (yyyy-MM-dd, UTC). */
    public record TicketLine(String kind, String product, int usesLeft, String until) {}

    public byte[] toJson() {
        return Json.write(this);
    }

    /** A name as a reader shows it: at most {@link #NAME_LENGTH} characters. */
    public static String displayName(String name) {
        return name == null || name.length() <= NAME_LENGTH ? name : name.substring(0, NAME_LENGTH);
    }

    /** Parses an ACCOUNT_ANSWER body (what a reader does with the reply); problems become BAD_BODY. */
    public static AccountAnswer parse(byte[] body) throws FrameException {
        try {
            Json.object(body);
            AccountAnswer a = Json.MAPPER.readValue(body, new com.fasterxml.jackson.core.type.TypeReference<AccountAnswer>() { });
            if (a.cardStatus() == null || a.currency() == null || a.points() == null || a.coupons() == null || a.tickets() == null) {
                throw new IllegalArgumentException("cardStatus, currency, points, coupons and tickets are required");
            }
            return a;
        } catch (IllegalArgumentException e) {
            throw new FrameException(ErrorCode.BAD_BODY, e.getMessage());
        } catch (JsonProcessingException e) {
            throw new FrameException(ErrorCode.BAD_BODY, "not an ACCOUNT_ANSWER body: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new FrameException(ErrorCode.BAD_BODY, "unreadable body");
        }
    }
}
