package io.tapbus.runtime.account;

import io.tapbus.connector.reader.AccountAnswer;
import io.tapbus.connector.reader.AccountQuery;
import io.tapbus.connector.reader.ErrorCode;
import io.tapbus.connector.reader.FrameException;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.ReaderFrameCodec;
import io.tapbus.runtime.platform.ReaderRegistry;
import java.time.Instant;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ACCOUNT_QUERY on the reader port (docs/reader-protocol.md §15): a card was tapped and its holder asks for the account;
 * the answer (ACCOUNT_ANSWER) carries the balance and short summaries of points, coupons and tickets for the reader's
 * display. The card in the holder's hand is the authorisation, as a balance by SMS is the registered phone's: the reader
 * sees the whole overview. An unknown card is NOT_FOUND, a card not in use (blocked, replaced) NOT_PERMITTED.
 */
public final class ReaderAccounts {
    private static final Logger LOG = LoggerFactory.getLogger(ReaderAccounts.class);

    private final AccountOverview overview;
    private final ReaderRegistry readers;

    public ReaderAccounts(AccountOverview overview, ReaderRegistry readers) {
        this.overview = overview;
        this.readers = readers;
    }

    /** ACCOUNT_QUERY → ACCOUNT_ANSWER, MACed with the reader's key; refusals are FrameExceptions (ERROR frames). */
    public byte[] query(ReaderFrame frame) throws FrameException {
        AccountQuery q = AccountQuery.parse(frame);
        AccountOverview.CardOverview card = overview.ofCard(q.cardUid(), AccountOverview.Scope.ALL)
                .orElseThrow(() -> new FrameException(ErrorCode.NOT_FOUND, "no such card", frame.readerId(), frame.sequence()));
        if (!"ACTIVE".equals(card.cardStatus())) {
            throw new FrameException(ErrorCode.NOT_PERMITTED, "the card is " + card.cardStatus() + ": its account is not shown",
                    frame.readerId(), frame.sequence());
        }
        AccountAnswer answer = answer(card, q.correlationId());
        LOG.info("account query from reader {} (seq {}): card ...{}", frame.readerId(), frame.sequence(),
                q.cardUid().substring(q.cardUid().length() - 4));
        byte[] key = readers.entry(frame.readerId()).orElseThrow().key();
        return ReaderFrameCodec.encode(FrameType.ACCOUNT_ANSWER, frame.sequence(), frame.readerId(), answer.toJson(), key);
    }

    /** The overview as a reader shows it: counts and the first few lines of each. */
    static AccountAnswer answer(AccountOverview.CardOverview card, String correlationId) {
        return new AccountAnswer(card.cardStatus(), card.balanceMinor(), card.currency(),
                AccountAnswer.Summary.of(card.points().stream()
                        .map(p -> new AccountAnswer.PointsLine(AccountAnswer.displayName(p.name()), p.points())).toList()),
                AccountAnswer.Summary.of(card.coupons().stream()
                        .map(c -> new AccountAnswer.CouponLine(c.code(), day(c.validUntil()))).toList()),
                AccountAnswer.Summary.of(card.tickets().stream()
                        .map(t -> new AccountAnswer.TicketLine(t.kind(), AccountAnswer.displayName(t.product()), t.usesLeft(),
                                day(t.validUntil()))).toList()),
                correlationId);
    }

    private static String day(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
