package io.tapbus.runtime.api;

import io.tapbus.runtime.app.AddressLimit;
import io.tapbus.runtime.app.AppRegistration;
import io.tapbus.connector.common.Masking;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.portal.PortalAuthentication;
import io.tapbus.runtime.portal.PortalCookies;
import io.tapbus.runtime.portal.PortalSessions;
import io.tapbus.runtime.portal.SignInLock;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's sign-in and sign-out (public routes): a phone user with the number and the one-time code of the phone
 * app's registration, a partner, administrator or analyst with their API credential. Either opens a server-side
 * session whose id goes to the browser as an HttpOnly, SameSite=Strict cookie; the answer carries the CSRF token the
 * page sends with every call that changes something. See docs/portal.md.
 */
public final class PortalApi {
    private static final Logger LOG = LoggerFactory.getLogger(PortalApi.class);
    /** Open phone sign-ins (registration id to number) kept at most; the oldest are forgotten first. */
    private static final int MAX_PENDING = 10_000;
    public static final String PHONE_USER = "phone-user";

    private final PortalSessions sessions;
    private final PortalCookies cookies;
    private final PartnerService partners;
    private final AppRegistration registration;
    private final SignInLock lock;
    private final AddressLimit addresses;
    private final Json json;
    private final Map<String, String> pending = new ConcurrentHashMap<>();

    public PortalApi(PortalSessions sessions, PortalCookies cookies, PartnerService partners, AppRegistration registration,
            SignInLock lock, AddressLimit addresses, Json json) {
        this.sessions = sessions;
        this.cookies = cookies;
        this.partners = partners;
        this.registration = registration;
        this.lock = lock;
        this.addresses = addresses;
        this.json = json;
    }

    public record PhoneCodeRequest(String msisdn) {}

    public record PhoneSignIn(String registrationId, String code) {}

    public record PartnerSignIn(String credential) {}

    /** What the page may know of its session: never the credential, never the session id. */
    public record SessionView(String kind, String subject, Set<String> roles, String csrfToken, Instant expiresAt) {
        static SessionView of(PortalSessions.Session s) {
            return new SessionView(s.kind().name().toLowerCase(java.util.Locale.ROOT), s.subject(), s.roles(),
                    s.csrfToken(), s.expiresAt());
        }
    }

    public record CodeSent(String registrationId, Instant expiresAt, int codeLength) {}

    public void phoneCode(Exchange exchange) throws IOException {
        PhoneCodeRequest req = json.read(exchange, PhoneCodeRequest.class);
        if (req.msisdn() == null || !req.msisdn().strip().matches("\\+?[0-9]{6,15}")) {
            throw ApiProblem.badRequest("msisdn (the phone's number, E.164 like +8613800000001) is required");
        }
        String msisdn = UserService.normalizeMsisdn(req.msisdn());
        refuseWhileLocked(msisdn);
        OptionalLong wait = addresses.take(ScanApi.clientAddress(exchange), System.currentTimeMillis());
        if (wait.isPresent()) {
            throw new ScanLimits.TooManyRequests("too many sign-ins from this address; try again in " + wait.getAsLong()
                    + " s", wait.getAsLong());
        }
        AppRegistration.Started started;
        try {
            started = registration.start(msisdn);
        } catch (AppRegistration.TooSoon e) {
            throw new ScanLimits.TooManyRequests(e.getMessage() + "; try again in " + e.retryAfterSeconds() + " s",
                    e.retryAfterSeconds());
        }
        if (pending.size() >= MAX_PENDING) {
            pending.clear(); // a flood of unfinished sign-ins: those people ask for a new code
        }
        pending.put(started.registrationId(), msisdn);
        json.reply(exchange, 202, new CodeSent(started.registrationId(), started.expiresAt(), started.codeLength()));
    }

    public void phoneSignIn(Exchange exchange) throws IOException {
        PhoneSignIn req = json.read(exchange, PhoneSignIn.class);
        String msisdn = req.registrationId() == null ? null : pending.get(req.registrationId());
        if (msisdn == null) {
            throw new ApiProblem(400, "code-expired", "no open sign-in with this registration id; ask for a new code");
        }
        refuseWhileLocked(msisdn);
        AppRegistration.Registered registered;
        try {
            registered = registration.verify(req.registrationId(), req.code(), "web portal");
        } catch (AppRegistration.Refused e) {
            lock.failed(msisdn);
            LOG.info("portal sign-in of {} refused: {}", Masking.msisdn(msisdn), e.kind());
            throw new ApiProblem(400, e.kind(), e.getMessage());
        }
        lock.succeeded(msisdn);
        pending.remove(req.registrationId());
        open(exchange, PortalSessions.Kind.PHONE, registered.token(), Masking.msisdn(msisdn), Set.of(PHONE_USER),
                registered.tokenId());
    }

    public void partnerSignIn(Exchange exchange) throws IOException {
        PartnerSignIn req = json.read(exchange, PartnerSignIn.class);
        Principal principal = partners.authenticateToken(req.credential() == null ? null : req.credential().strip())
                .orElseThrow(() -> ApiProblem.unauthorized("unknown, revoked or wrong credential"));
        open(exchange, PortalSessions.Kind.PARTNER, req.credential().strip(), principal.partnerId(), principal.roles(),
                null);
    }

    public void current(Exchange exchange) throws IOException {
        json.reply(exchange, 200, SessionView.of(session(exchange)));
    }

    public void signOut(Exchange exchange) throws IOException {
        PortalSessions.Session s = session(exchange);
        if (!PortalSessions.csrfMatches(s, exchange.getMessage().getHeader(PortalAuthentication.CSRF_HEADER, String.class))) {
            throw ApiProblem.forbidden("signing out needs the session's CSRF token in the "
                    + PortalAuthentication.CSRF_HEADER + " header");
        }
        sessions.close(s.id());
        if (s.deviceTokenId() != null) {
            registration.revoke(s.deviceTokenId()); // the portal's device token dies with its session
        }
        json.reply(exchange, 200, Map.of("signedOut", true));
        exchange.getMessage().setHeader("Set-Cookie", cookies.clear());
    }

    private PortalSessions.Session session(Exchange exchange) {
        return sessions.find(PortalCookies.sessionId(exchange.getMessage().getHeader("Cookie", String.class)))
                .orElseThrow(() -> ApiProblem.unauthorized("not signed in to the portal"));
    }

    private void open(Exchange exchange, PortalSessions.Kind kind, String authorization, String subject, Set<String> roles,
            String deviceTokenId) throws IOException {
        PortalSessions.Session s = sessions.open(kind, authorization, subject, roles, deviceTokenId)
                .orElseThrow(() -> ApiProblem.of(503, "too many portal sessions are open; try again later"));
        LOG.info("portal session opened for {} {}", kind.name().toLowerCase(java.util.Locale.ROOT), subject);
        json.reply(exchange, 201, SessionView.of(s));
        exchange.getMessage().setHeader("Set-Cookie", cookies.issue(s.id(), sessions.absolute()));
        exchange.getMessage().setHeader("Cache-Control", "no-store");
    }

    private void refuseWhileLocked(String msisdn) {
        OptionalLong locked = lock.lockedFor(msisdn);
        if (locked.isPresent()) {
            throw new ScanLimits.TooManyRequests("sign-in for this number is locked after too many wrong codes; try again in "
                    + locked.getAsLong() + " s", locked.getAsLong());
        }
    }
}
