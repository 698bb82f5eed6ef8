package io.tapbus.runtime.portal;

import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.api.ApiSecurity;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * Lets the REST API take a portal session cookie where it takes a credential: the session's own credential is
 * authenticated as if the browser had sent it, so a session sees exactly what its credential may see. Every
 * state-changing call must carry the session's CSRF token in {@value #CSRF_HEADER} (a synchronizer token the page
 * got at sign-in); a missing or forged one is 403 and nothing runs.
 */
public final class PortalAuthentication implements ApiSecurity.SessionAuthenticator {
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final PortalSessions sessions;

    public PortalAuthentication(PortalSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public String authorization(Exchange exchange) {
        String id = PortalCookies.sessionId(exchange.getMessage().getHeader("Cookie", String.class));
        String csrf = exchange.getMessage().getHeader(CSRF_HEADER, String.class);
        exchange.getMessage().removeHeader("Cookie");
        exchange.getMessage().removeHeader(CSRF_HEADER);
        if (id == null) {
            return null;
        }
        PortalSessions.Session session = sessions.find(id)
                .orElseThrow(() -> ApiProblem.unauthorized("the portal session ended; sign in again"));
        String method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
        if (!SAFE.contains(method) && !PortalSessions.csrfMatches(session, csrf)) {
            throw ApiProblem.forbidden("a call that changes something needs the session's CSRF token"
                    + " in the " + CSRF_HEADER + " header");
        }
        return "Bearer " + session.authorization();
    }
}
