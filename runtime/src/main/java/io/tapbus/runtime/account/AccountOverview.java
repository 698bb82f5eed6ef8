package io.tapbus.runtime.account;

import io.tapbus.runtime.membership.Points;
import io.tapbus.runtime.platform.CardDirectory;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.pricing.PersonCoupons;
import io.tapbus.runtime.tickets.CardTickets;
import io.tapbus.runtime.tickets.TicketState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A card's account at a glance, the same for every channel (REST, the reader's ACCOUNT_QUERY, SMS {@code BAL}): balance,
 * currency and card state, the holder's points per programme, the coupons they can still use and the card's valid
 * tickets. Every figure is read from the state that decides, as the single writer last made it durable (the ledger's
 * balance, the card directory, the points balances, each coupon's and ticket's writer-held state), never from a table
 * that may lag behind; tables only name which coupons and tickets there are, after the write path caught up.
 */
public final class AccountOverview {
    /** What a caller sees: everything (the holder, an issuer, an administrator) or one retailer's own share. */
    public record Scope(String partnerId) {
        public static final Scope ALL = new Scope(null);

        boolean sees(String owner) {
            return partnerId == null || partnerId.equals(owner);
        }
    }

    public record ProgrammePoints(String programmeId, String name, long points) {}

    public record UsableCoupon(String code, String campaignId, String state, Instant validUntil) {}

    /**
     * {@code uses} 0 and {@code usesLeft} -1: no limit (a pass). {@code carrier}: {@code CARD} (written on the card),
     * {@code TO_CARD} (goes onto the card at its next payment at a reader) or {@code PHONE} (on the phone only).
     */
    public record ValidTicket(String ticketId, String kind, String product, Instant validFrom, Instant validUntil, int uses,
                              int usesLeft, String carrier) {}

    public record CardOverview(String cardUid, String cardStatus, long balanceMinor, String currency, List<ProgrammePoints> points,
                               List<UsableCoupon> coupons, List<ValidTicket> tickets, Instant asOf) {}

    private final UserService users;
    private final CardDirectory directory;
    private final LedgerService ledger;
    private final Points points;
    private final PersonCoupons coupons;
    private final CardTickets tickets;

    public AccountOverview(UserService users, CardDirectory directory, LedgerService ledger, Points points, PersonCoupons coupons,
                           CardTickets tickets) {
        this.users = users;
        this.directory = directory;
        this.ledger = ledger;
        this.points = points;
        this.coupons = coupons;
        this.tickets = tickets;
    }

    /** The card's overview, or empty when no such card was issued. */
    public Optional<CardOverview> ofCard(String cardUid, Scope scope) {
        return users.findCard(cardUid).map(card -> of(card, scope));
    }

    /** Each of the person's cards in use (not replaced), in the order they were issued. */
    public List<CardOverview> ofUser(String userId) {
        return users.cardsOf(userId).stream().filter(c -> c.replacedBy() == null && c.accountId() != null)
                .map(c -> of(c, Scope.ALL)).toList();
    }

    private CardOverview of(UserService.Card card, Scope scope) {
        Instant asOf = Instant.now();
        CardDirectory.CardFact fact = directory.find(card.cardUid());
        String status = fact == null ? card.status() : fact.status();
        String accountId = fact == null || fact.accountId() == null ? card.accountId() : fact.accountId();
        LedgerService.AccountState account = accountId == null ? null : ledger.state(accountId);
        String currency = accountId == null ? "CNY" : ledger.find(accountId).map(LedgerService.Account::currency).orElse("CNY");
        String person = card.userId();
        List<ProgrammePoints> held = person == null ? List.of() : points.heldBy(person).stream()
                .filter(h -> scope.sees(h.partnerId())).map(h -> new ProgrammePoints(h.programmeId(), h.name(), h.points())).toList();
        List<UsableCoupon> usable = person == null ? List.of() : coupons.usableBy(person).stream()
                .filter(c -> scope.sees(c.publisherId())).map(c -> new UsableCoupon(c.code(), c.campaignId(), c.state(), c.validUntil()))
                .toList();
        List<ValidTicket> valid = tickets.validOf(card.cardUid(), accountId).stream().filter(t -> scope.sees(t.sellerId()))
                .map(AccountOverview::ticket).toList();
        return new CardOverview(card.cardUid(), status, account == null ? 0 : account.balanceMinor(), currency.strip(), held, usable,
                valid, asOf);
    }

    private static ValidTicket ticket(TicketState t) {
        String carrier = t.onCardAt() != null ? "CARD" : t.cardUid() != null ? "TO_CARD" : "PHONE";
        return new ValidTicket(t.ticketId(), t.kind(), t.product(), t.validFrom(), t.validUntil(), t.uses(), t.usesLeft(), carrier);
    }
}
