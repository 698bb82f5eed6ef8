package io.tapbus.runtime.portal;

import java.time.Duration;

/**
 * The session cookie: {@code tapbus_session}, HttpOnly (no script reads it), SameSite=Strict (no other site's page
 * sends it), Path=/, Secure when the API is served over TLS. Its value is the opaque session id and nothing else.
 */
public final class PortalCookies {
    public static final String NAME = "tapbus_session";

    private final boolean secure;

    public PortalCookies(boolean secure) {
        this.secure = secure;
    }

    /** The session id in a Cookie request header, or null. */
    public static String sessionId(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        for (String part : cookieHeader.split(";")) {
            String p = part.strip();
            if (p.startsWith(NAME + "=")) {
                String value = p.substring(NAME.length() + 1);
                return value.matches("[A-Za-z0-9_-]{16,100}") ? value : null;
            }
        }
        return null;
    }

    /** The Set-Cookie value that gives the browser this session for {@code maxAge}. */
    public String issue(String sessionId, Duration maxAge) {
        return NAME + "=" + sessionId + "; Path=/; Max-Age=" + maxAge.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** The Set-Cookie value that makes the browser forget the session. */
    public String clear() {
        return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
