package io.tapbus.runtime.broker;

import io.tapbus.runtime.api.Principal;
import io.tapbus.runtime.platform.PartnerService;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broker security from the platform's partner credentials, the same over CORE (JMS) and AMQP 1.0 (SASL PLAIN):
 * a partner logs in with its API key id as user name and the secret as password. It may use only its own addresses
 * ({@code tapbus.partner.<partnerId>.*}) and, with the {@code events} or {@code admin} role, consume the
 * event topic; with the {@code manufacturer} role, send bulk tag requests. The bus itself logs in as an internal user whose password is new at every start.
 */
final class PartnerSecurityManager implements ActiveMQSecurityManager5 {
    static final String INTERNAL_USER = "tapbus-internal";
    private static final Logger LOG = LoggerFactory.getLogger(PartnerSecurityManager.class);
    private static final String PARTNER_PREFIX = "tapbus.partner.";
    /** Advertisers' and retailers' campaign requests (docs/pricing.md); the route reads the same name. */
    public static final String CAMPAIGN_REQUESTS = "tapbus.campaign-requests";

    private final PartnerService partners;
    private final String internalPassword;
    private final String eventsAddress;
    private final String tagRequestsAddress;

    PartnerSecurityManager(PartnerService partners, String internalPassword, String eventsAddress, String tagRequestsAddress) {
        this.partners = partners;
        this.internalPassword = internalPassword;
        this.eventsAddress = eventsAddress;
        this.tagRequestsAddress = tagRequestsAddress;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        if (INTERNAL_USER.equals(user)) {
            if (password != null && MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                    internalPassword.getBytes(StandardCharsets.UTF_8))) {
                return subject(user, Set.of("internal"));
            }
            return null;
        }
        Optional<Principal> principal = partners.authenticate(user, password);
        if (principal.isEmpty()) {
            LOG.warn("broker login ({}) refused for key id {}", protocol(connection), user);
            return null;
        }
        Set<String> roles = new java.util.HashSet<>(principal.get().roles());
        roles.add("partner:" + principal.get().partnerId());
        return subject(user, roles);
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        Set<String> granted = roleNames(subject);
        if (granted.contains("internal")) {
            return true;
        }
        String addr = address == null ? "" : address;
        int fqqn = addr.indexOf("::");
        if (fqqn >= 0) {
            addr = addr.substring(0, fqqn);
        }
        boolean allowed;
        if (addr.equals(eventsAddress)) {
            allowed = checkType != CheckType.SEND && checkType != CheckType.MANAGE && checkType != CheckType.DELETE_ADDRESS
                    && (granted.contains("events") || granted.contains("admin"));
        } else if (addr.equals(tagRequestsAddress)) {
            // manufacturers' bulk requests: they may only send; the broker stamps the sender's validated user
            allowed = checkType == CheckType.SEND && (granted.contains("manufacturer") || granted.contains("admin"));
        } else if (addr.equals(io.tapbus.runtime.membership.MembershipRequests.QUEUE)) {
            // retailers' membership requests: they may only send; the broker stamps the sender's validated user
            allowed = checkType == CheckType.SEND && (granted.contains("merchant") || granted.contains("admin"));
        } else if (addr.equals(CAMPAIGN_REQUESTS)) {
            // campaign publications: advertisers and retailers may only send; the broker stamps the sender
            allowed = checkType == CheckType.SEND && (granted.contains("advertiser") || granted.contains("merchant") || granted.contains("admin"));
        } else if (addr.startsWith(PARTNER_PREFIX)) {
            String rest = addr.substring(PARTNER_PREFIX.length());
            int dot = rest.indexOf('.');
            String owner = dot < 0 ? rest : rest.substring(0, dot);
            allowed = checkType != CheckType.MANAGE && (granted.contains("partner:" + owner) || granted.contains("admin"));
        } else {
            allowed = false;
        }
        if (!allowed) {
            LOG.warn("broker {} on {} refused for {}", checkType, addr, getUserFromSubject(subject));
        }
        return allowed;
    }

    @Override
    public boolean validateUser(String user, String password) {
        return authenticate(user, password, null, null) != null;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        Subject s = authenticate(user, password, null, null);
        return s != null && authorize(s, roles, checkType, null);
    }

    private static String protocol(RemotingConnection connection) {
        return connection == null ? "no connection" : connection.getProtocolName();
    }

    private static Subject subject(String user, Set<String> roles) {
        Subject s = new Subject();
        s.getPrincipals().add(new UserPrincipal(user));
        roles.forEach(r -> s.getPrincipals().add(new RolePrincipal(r)));
        return s;
    }

    private static Set<String> roleNames(Subject subject) {
        if (subject == null) {
            return Set.of();
        }
        return subject.getPrincipals(RolePrincipal.class).stream().map(java.security.Principal::getName)
                .collect(java.util.stream.Collectors.toSet());
    }
}
