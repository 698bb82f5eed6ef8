package io.tapbus.connector.phone.mm7;

import java.util.Objects;

/**
 * An MM7 request status (3GPP TS 23.140 §8.7.4, table "Request status codes"): 1xxx success, 2xxx client errors (the
 * VASP's request is wrong), 3xxx server errors (the MMSC could not do it), 4xxx service errors (this VASP may not). An
 * unlisted code keeps its number and is classed by its first digit.
 */
public record Mm7Status(int code, String meaning) {

    /** The class of a status code, from its first digit. */
    public enum Kind {
        SUCCESS, CLIENT_ERROR, SERVER_ERROR, SERVICE_ERROR, UNKNOWN
    }

    public static final int SUCCESS = 1000;

    public Mm7Status {
        Objects.requireNonNull(meaning, "meaning");
    }

    /** The status with the meaning TS 23.140 gives the code, or "unlisted status" for one it does not list. */
    public static Mm7Status of(int code) {
        return new Mm7Status(code, meaningOf(code));
    }

    public Kind kind() {
        return switch (code / 1000) {
            case 1 -> Kind.SUCCESS;
            case 2 -> Kind.CLIENT_ERROR;
            case 3 -> Kind.SERVER_ERROR;
            case 4 -> Kind.SERVICE_ERROR;
            default -> Kind.UNKNOWN;
        };
    }

    public boolean success() {
        return kind() == Kind.SUCCESS;
    }

    /**
     * True for the statuses where the same request may succeed later: server error (3000), not possible (3001),
     * general service error (4000), service error (4005), service unavailable (4006). Every other error needs a change
     * to the request, the account or the MMSC's configuration.
     */
    public boolean temporary() {
        return code == 3000 || code == 3001 || code == 4000 || code == 4005 || code == 4006;
    }

    static String meaningOf(int code) {
        return switch (code) {
            case 1000 -> "Success";
            case 1100 -> "Partial success";
            case 2000 -> "Client error";
            case 2001 -> "Operation restricted";
            case 2002 -> "Address Error";
            case 2003 -> "Address Not Found";
            case 2004 -> "Multimedia content refused";
            case 2005 -> "Message ID Not found";
            case 2006 -> "LinkedID not found";
            case 2007 -> "Message format corrupt";
            case 2008 -> "Application ID not found";
            case 2009 -> "Reply Application ID not found";
            case 3000 -> "Server Error";
            case 3001 -> "Not Possible";
            case 3002 -> "Message rejected";
            case 3003 -> "Multiple addresses not supported";
            case 3004 -> "Application Addressing not supported";
            case 4000 -> "General service error";
            case 4001 -> "Improper identification";
            case 4002 -> "Unsupported version";
            case 4003 -> "Unsupported operation";
            case 4004 -> "Validation error";
            case 4005 -> "Service error";
            case 4006 -> "Service unavailable";
            case 4007 -> "Service denied";
            case 4008 -> "Application denied";
            default -> "unlisted status";
        };
    }

    @Override
    public String toString() {
        return code + " (" + meaning + ")";
    }
}
