package io.tapbus.runtime.membership;

import io.tapbus.rules.RuleEngine;
import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.decisions.DecisionRecords;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.platform.AuditLog;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.write.WritePath;
import org.apache.camel.spi.Registry;
import org.jdbi.v3.core.Jdbi;

/**
 * Wires membership-card merging for PlatformConfiguration: the beans its routes call ({@code membershipApi},
 * {@code membershipRequests}, {@code membershipAtReader} for MEMBERSHIP_ADD on the reader port) and, with demo data, the demo retailers' programmes ({@code demo-shop-club} of
 * demo-shop, {@code demo-cafe-card} of demo-cafe).
 */
public final class MembershipWiring {
    private MembershipWiring() {
    }

    public static Membership bind(Registry registry, boolean demo, Jdbi jdbi, WritePath writes, RuleEngine rules,
                                  UserService users, DecisionRecords decisions, EventOutbox events, AuditLog audit,
                                  PartnerService partners, Json json, io.tapbus.runtime.platform.ReaderRegistry readers,
                                  io.tapbus.runtime.idempotency.KeyMemory keyMemory) {
        Membership membership = new Membership(jdbi, writes, rules, users, decisions, events, audit, keyMemory);
        registry.bind("membership", membership);
        registry.bind("membershipApi", new MembershipApi(membership, json));
        registry.bind("appMembershipApi", new AppMembershipApi(membership, json));
        registry.bind("membershipRequests", new MembershipRequests(membership, partners, json));
        registry.bind("membershipAtReader", new MembershipAtReader(membership.merges(), readers));
        if (demo) {
            seed(membership, partners, "demo-shop", "demo-shop-club", "Demo Shop Club");
            seed(membership, partners, "demo-cafe", "demo-cafe-card", "Demo Cafe Card");
        }
        return membership;
    }

    private static void seed(Membership membership, PartnerService partners, String partnerId, String programmeId, String name) {
        if (partners.find(partnerId).isEmpty() || membership.programmes().find(programmeId) != null) {
            return;
        }
        try {
            membership.programmes().create(partnerId, programmeId, name, "demo-seed");
        } catch (DomainError exists) {
            // created meanwhile
        }
    }
}
