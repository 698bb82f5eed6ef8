package io.tapbus.runtime.api;

import io.tapbus.runtime.platform.PartnerService;
import java.util.Arrays;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every REST call ({@code Authorization: Bearer keyId.secret}) before any route step
 * runs, and checks roles inside each API operation. Headers a caller sends under TapBus names are
 * overwritten, so a caller cannot claim another partner's identity.
 */
public final class ApiSecurity {
    public static final String PRINCIPAL = "TapBusPrincipal";
    public static final String PARTNER_HEADER = "TapBusPartnerId";
    private static final Logger LOG = LoggerFactory.getLogger(ApiSecurity.class);

    private final PartnerService partners;
    private final Runnable readYourWrites;

    public ApiSecurity(PartnerService partners, Runnable readYourWrites) {
        this.readYourWrites = readYourWrites;
        this.partners = partners;
    }

    /** Routes whose id starts with this answer anyone (the tag scan URL a phone opens); they get no principal. */
    public static final String PUBLIC_ROUTE_PREFIX = "public-";

    /** Routes whose id starts with this are the phone app's: they take a device token, never a partner credential. */
    public static final String APP_ROUTE_PREFIX = "app-";

    /** Authenticates a phone app's request from its Authorization header (or refuses it with 401). */
    public interface DeviceAuthenticator {
        void authenticate(Exchange exchange, String authorization);
    }

    private volatile DeviceAuthenticator devices;

    /** The phone app's routes authenticate with this from now on. */
    public void devicesWith(DeviceAuthenticator authenticator) {
        this.devices = authenticator;
    }

    /**
     * A browser's session (the portal's cookie) standing in for the Authorization header: the credential the session
     * was opened with, as {@code Bearer <token>}, or null when the request carries no session cookie. Refuses a dead
     * session (401) and a state-changing request without the session's CSRF token (403).
     */
    public interface SessionAuthenticator {
        String authorization(Exchange exchange);
    }

    private volatile SessionAuthenticator sessions;

    /** From now on a request without an Authorization header may authenticate with a portal session cookie. */
    public void sessionsWith(SessionAuthenticator authenticator) {
        this.sessions = authenticator;
    }

    public void authenticate(Exchange exchange) {
        exchange.getMessage().removeHeaders("TapBus*");
        String routeId = exchange.getFromRouteId();
        if (routeId != null && routeId.startsWith(PUBLIC_ROUTE_PREFIX)) {
            exchange.getMessage().removeHeader("Authorization");
            return;
        }
        String auth = exchange.getMessage().getHeader("Authorization", String.class);
        if (auth == null && sessions != null) {
            auth = sessions.authorization(exchange); // the same credential, so the same principal and roles
        }
        if (routeId != null && routeId.startsWith(APP_ROUTE_PREFIX)) {
            exchange.getMessage().removeHeader("Authorization");
            if (devices == null) {
                throw ApiProblem.unauthorized("the phone-app API is not enabled");
            }
            devices.authenticate(exchange, auth);
            if ("GET".equals(exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class))) {
                readYourWrites.run();
            }
            return;
        }
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiProblem.unauthorized("send 'Authorization: Bearer <keyId>.<secret>' with a partner credential");
        }
        exchange.getMessage().removeHeader("Authorization");
        Principal principal = partners.authenticateToken(auth.substring(7).strip()).orElseThrow(() -> {
            LOG.warn("REST authentication failed for {} {}", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                    ProblemResponder.maskedPath(exchange.getMessage().getHeader(Exchange.HTTP_PATH)));
            return ApiProblem.unauthorized("unknown, revoked or wrong credential");
        });
        exchange.setProperty(PRINCIPAL, principal);
        exchange.getMessage().setHeader(PARTNER_HEADER, principal.partnerId());
        if ("GET".equals(exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class))) {
            readYourWrites.run(); // the tables follow the write path's journal: a reader sees every answered change
        }
    }

    public static Principal principal(Exchange exchange) {
        Principal p = exchange.getProperty(PRINCIPAL, Principal.class);
        if (p == null) {
            throw ApiProblem.unauthorized("not authenticated");
        }
        return p;
    }

    /** The caller, if it holds at least one of the roles; 403 otherwise. */
    public static Principal require(Exchange exchange, String... anyOfRoles) {
        Principal p = principal(exchange);
        if (Arrays.stream(anyOfRoles).noneMatch(p::has)) {
            throw ApiProblem.forbidden("this operation needs one of the roles " + Arrays.toString(anyOfRoles));
        }
        return p;
    }
}
