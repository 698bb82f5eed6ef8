package io.tapbus.runtime.pricing;

import io.tapbus.connector.common.Masking;
import io.tapbus.runtime.mms.MmsChannel;
import io.tapbus.runtime.phone.SmsOutbox;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.write.Batch;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coupons that reach their person's phone (docs/pricing.md "Coupons by SMS and MMS"): when a coupon of a campaign whose
 * {@code delivery} is SMS or MMS is issued, the same write unit queues an SMS with the code and the campaign to the
 * person's number, and for MMS also an MMS whose QR code is the coupon's code. Being in the coupon's unit, a crash never
 * loses the message nor sends it twice: both are durable with the coupon, or neither is. Bound with the pricing, before
 * the phone channels exist; {@link #connect} hands them over once they run (until then no message is queued).
 */
public final class CouponNotices {
    private static final Logger LOG = LoggerFactory.getLogger(CouponNotices.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    /** How long an SMS waits for its delivery, at most (and never past the coupon's own date). */
    private static final Duration VALIDITY = Duration.ofDays(2);

    private final UserService users;
    private volatile SmsOutbox sms;
    private volatile MmsChannel mms;

    CouponNotices(UserService users) {
        this.users = users;
    }

    /** The SMS outbox and the MMS channel, once started (either may be null: that kind of message is then not sent). */
    public void connect(SmsOutbox smsOutbox, MmsChannel mmsChannel) {
        this.sms = smsOutbox;
        this.mms = mmsChannel;
    }

    /** In the unit that issues {@code coupon}: its SMS (and MMS) when the campaign asks for them and the person has a number. */
    void issued(Batch batch, Campaign campaign, Coupon coupon) {
        String delivery = campaign.definition().delivery();
        SmsOutbox smsOut = sms;
        if ("NONE".equals(delivery) || smsOut == null) {
            return;
        }
        String msisdn = users.findUser(coupon.personId()).map(UserService.User::msisdn).orElse(null);
        if (msisdn == null) {
            LOG.info("coupon of campaign {} issued to a person without a phone number: no SMS", campaign.campaignId());
            return;
        }
        String correlation = "coupon:" + coupon.code();
        String text = text(campaign, coupon);
        try {
            smsOut.queue(batch, msisdn, text, correlation, validity(coupon));
            MmsChannel mmsOut = mms;
            if ("MMS".equals(delivery) && mmsOut != null) {
                mmsOut.queue(batch, "COUPON", msisdn, campaign.definition().name(), text, coupon.code(), correlation);
            }
        } catch (IllegalArgumentException | io.tapbus.connector.phone.PhoneCodecException e) { // not E.164: the coupon stands
            LOG.warn("coupon of campaign {}: no {} to {} ({})", campaign.campaignId(), delivery, Masking.msisdn(msisdn), e.getMessage());
        }
    }

    static String text(Campaign campaign, Coupon coupon) {
        return "TapBus coupon " + coupon.code() + ": " + campaign.definition().name()
                + (coupon.validUntil() == null ? "." : ", valid until " + DATE.format(coupon.validUntil()) + ".")
                + " Show the code when you pay.";
    }

    private static Duration validity(Coupon coupon) {
        if (coupon.validUntil() == null) {
            return VALIDITY;
        }
        Duration left = Duration.between(Instant.now(), coupon.validUntil());
        return left.compareTo(VALIDITY) < 0 && left.toMinutes() > 1 ? left : VALIDITY;
    }
}
