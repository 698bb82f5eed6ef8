package io.tapbus.runtime.membership;

import io.tapbus.connector.reader.ErrorCode;
import io.tapbus.connector.reader.FrameException;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.MemberCardRecord;
import io.tapbus.connector.reader.MembershipAddRequest;
import io.tapbus.connector.reader.MembershipAddResult;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.ReaderFrameCodec;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.runtime.platform.ReaderRegistry;
import org.apache.camel.Exchange;

/**
 * Adding a retailer's card by tapping it at the retailer's reader (docs/reader-protocol.md §15, docs/membership.md):
 * MEMBERSHIP_ADD carries the universal card's UID and the old card's record as read. The merge is the retailer's own
 * (the reader's merchant must own the programme), with the card's record as the retailer's record, decided by the same
 * membership-merge rules and applied in the same write unit as {@code POST /api/memberships}; MEMBERSHIP_RESULT
 * carries the verdict and the reasons. A request the platform cannot take is the protocol's ERROR (NOT_PERMITTED for
 * another retailer's programme, NOT_FOUND for an unknown universal card, BAD_BODY for a record that is not one).
 */
public final class MembershipAtReader {
    private final Merges merges;
    private final ReaderRegistry readers;

    public MembershipAtReader(Merges merges, ReaderRegistry readers) {
        this.merges = merges;
        this.readers = readers;
    }

    public byte[] add(ReaderFrame frame, Exchange exchange) throws FrameException {
        MembershipAddRequest req = MembershipAddRequest.parse(frame);
        exchange.getMessage().setHeader(Exchange.BREADCRUMB_ID, req.requestId());
        ReaderRegistry.ReaderEntry reader = readers.entry(frame.readerId()).orElseThrow();
        if (reader.merchantId() == null) {
            throw new FrameException(ErrorCode.NOT_PERMITTED, "reader " + frame.readerId() + " belongs to no retailer: only a retailer's"
                    + " reader adds its cards", frame.readerId(), frame.sequence());
        }
        MemberCardRecord card = req.record();
        // consent: the holder confirmed on the reader's screen; without it the holder's own recorded consent counts
        MergeRequest merge = new MergeRequest(card.programmeId(), card.memberNumber(), req.cardUid(), card.tier(), card.memberSince(),
                card.points(), req.consent() ? Boolean.TRUE : null, card.holderName(), null, null, null);
        Merges.MergeOutcome o = merges.merge(merge, reader.merchantId(), "reader:" + frame.readerId());
        MembershipAddResult result = new MembershipAddResult(req.requestId(), o.verdict(),
                o.reasons().stream().map(r -> new TapResponse.Reason(r.code(), r.message())).toList(), o.programmeId(), o.memberNumber(),
                o.status(), o.tier(), o.retiredMemberNumber(), o.pointsProgrammeId(), o.status() == null ? null : o.pointsCredited(),
                o.decisionId());
        return ReaderFrameCodec.encode(FrameType.MEMBERSHIP_RESULT, frame.sequence(), frame.readerId(), result.toJson(), reader.key());
    }
}
