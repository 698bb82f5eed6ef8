package io.tapbus.runtime.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.runtime.account.AccountOverview;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The BAL reply stays within two SMS parts however many programmes the holder has: the ones that do not fit are counted. */
class BalanceReplyTest {

    private static AccountOverview.CardOverview card(String uid, long balance, int programmes, int coupons, int tickets) {
        List<AccountOverview.ProgrammePoints> points = new ArrayList<>();
        for (int i = 1; i <= programmes; i++) {
            points.add(new AccountOverview.ProgrammePoints("p" + i, "Programme number " + i + " with a long name", i * 100L));
        }
        List<AccountOverview.UsableCoupon> usable = new ArrayList<>();
        for (int i = 0; i < coupons; i++) {
            usable.add(new AccountOverview.UsableCoupon("CPN-" + i, "C-1", "ISSUED", null));
        }
        List<AccountOverview.ValidTicket> valid = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            valid.add(new AccountOverview.ValidTicket("TK-" + i, "RIDE", "METRO", Instant.EPOCH, Instant.EPOCH, 1, 1, "CARD"));
        }
        return new AccountOverview.CardOverview(uid, "ACTIVE", balance, "CNY", points, usable, valid, Instant.now());
    }

    @Test
    void fewProgrammesAreAllNamed() {
        String en = BalanceReply.of(false, List.of(card("04A1B2C3D4E5F6", 98750, 2, 1, 3)));
        // names are cut to 20 characters
        assertThat(en).isEqualTo("Card ****E5F6: 987.50 CNY. Points: Programme number 1 w 100, Programme number 2 w 200."
                + " Coupons: 1. Tickets: 3.");
        String zh = BalanceReply.of(true, List.of(card("04A1B2C3D4E5F6", 98750, 1, 0, 0)));
        assertThat(zh).isEqualTo("卡****E5F6 余额：987.50元。积分：Programme number 1 w 100。可用优惠券0张，有效票0张。");
    }

    @Test
    void manyProgrammesAreCountedWithinTwoParts() {
        String en = BalanceReply.of(false, List.of(card("04A1B2C3D4E5F6", 1, 40, 2, 0)));
        assertThat(en.length()).isLessThanOrEqualTo(BalanceReply.MAX_ENGLISH);
        assertThat(en).contains("Programme number 1 w 100").containsPattern("\\+\\d+ more\\.").endsWith("Coupons: 2. Tickets: 0.");
        String zh = BalanceReply.of(true, List.of(card("04A1B2C3D4E5F6", 1, 40, 2, 0)));
        assertThat(zh.length()).isLessThanOrEqualTo(BalanceReply.MAX_CHINESE);
        assertThat(zh).containsPattern("等\\d+项。").endsWith("可用优惠券2张，有效票0张。");
    }

    @Test
    void ticketsOfSeveralCardsAreCountedOnceAndNoPointsNoPointsText() {
        AccountOverview.CardOverview a = card("04A1B2C3D4E5F6", 100, 0, 0, 2);
        AccountOverview.CardOverview b = card("04BA0000000001", 0, 0, 0, 1); // TK-0 again: the same ticket on both cards
        String en = BalanceReply.of(false, List.of(a, b));
        assertThat(en).isEqualTo("Card ****E5F6: 1.00 CNY; Card ****0001: 0.00 CNY. Coupons: 0. Tickets: 2.");
    }
}
