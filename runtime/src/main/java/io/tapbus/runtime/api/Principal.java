package io.tapbus.runtime.api;

import java.util.Set;

/** Who is calling: the partner, the credential used and the roles it carries. */
public record Principal(String partnerId, String keyId, Set<String> roles) {
    public static final String ADMIN = "admin";
    public static final String MERCHANT = "merchant";
    public static final String ISSUER = "issuer";
    public static final String MANUFACTURER = "manufacturer";
    public static final String ADVERTISER = "advertiser";
    /** Reads recorded decisions and their facts, replays candidate rules over them; changes nothing. */
    public static final String ANALYST = "analyst";

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }
}
