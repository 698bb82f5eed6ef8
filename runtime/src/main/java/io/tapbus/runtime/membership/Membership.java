package io.tapbus.runtime.membership;

import io.tapbus.rules.RuleEngine;
import io.tapbus.runtime.decisions.DecisionRecords;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.platform.AuditLog;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.write.WritePath;
import org.jdbi.v3.core.Jdbi;

/** Membership-card merging as one service: the programme registry, merges and unmerges, points. */
public final class Membership {
    private final Programmes programmes;
    private final Merges merges;
    private final Points points;
    private final PaymentPoints paymentPoints;
    private final MemberCards cards;

    public Membership(Jdbi jdbi, WritePath writes, RuleEngine rules, UserService users, DecisionRecords decisions,
                      EventOutbox events, AuditLog audit, io.tapbus.runtime.idempotency.KeyMemory keyMemory) {
        this.programmes = new Programmes(jdbi, writes, audit);
        MemberCards cards = new MemberCards(jdbi);
        this.cards = cards;
        PointsLedger ledger = new PointsLedger(jdbi, keyMemory);
        this.merges = new Merges(writes, rules, new MergeFacts(users, programmes, cards), programmes, cards, ledger,
                decisions, events, audit);
        this.points = new Points(writes, programmes, cards, ledger, events);
        this.paymentPoints = new PaymentPoints(programmes, cards, ledger, events);
    }

    /** Earns points on approved payments at retailers' own programmes (give to PaymentRecorder.onApproved). */
    public io.tapbus.runtime.payment.ApprovedPayments paymentPoints() {
        return paymentPoints;
    }

    /** The person's tiers for campaigns (give to BasketPricer.useProfiles). */
    public io.tapbus.runtime.pricing.BasketPricer.Profiles profiles() {
        return new MemberProfiles(cards);
    }

    public Programmes programmes() {
        return programmes;
    }

    public Merges merges() {
        return merges;
    }

    public MemberCards cards() {
        return cards;
    }

    public Points points() {
        return points;
    }
}
