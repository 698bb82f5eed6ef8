package io.tapbus.runtime.phone;

import io.tapbus.runtime.account.AccountOverview;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The reply to {@code BAL}/余额: each card's balance, then the holder's points per programme, usable coupons and valid
 * tickets, in the language of the command and within two SMS parts (306 GSM characters, or 134 in UCS-2 for Chinese):
 * programmes that do not fit are counted ("+2 more", "等2项") instead of named.
 */
final class BalanceReply {
    static final int MAX_ENGLISH = 2 * 153;
    static final int MAX_CHINESE = 2 * 67;
    private static final int NAME_LENGTH = 20;

    private BalanceReply() {
    }

    static String of(boolean zh, List<AccountOverview.CardOverview> cards) {
        String balances = cards.stream().map(c -> PhoneReplies.balance(zh, masked(c.cardUid()), c.balanceMinor(), c.currency(),
                "BLOCKED".equals(c.cardStatus()))).collect(Collectors.joining(zh ? "；" : "; "));
        List<AccountOverview.ProgrammePoints> points = cards.isEmpty() ? List.of() : cards.get(0).points(); // the person's
        int coupons = cards.isEmpty() ? 0 : cards.get(0).coupons().size();
        long tickets = cards.stream().flatMap(c -> c.tickets().stream()).map(AccountOverview.ValidTicket::ticketId).distinct().count();
        String tail = zh ? "可用优惠券" + coupons + "张，有效票" + tickets + "张。" : " Coupons: " + coupons + ". Tickets: " + tickets + ".";
        String head = balances + (zh ? "。" : ".");
        int limit = zh ? MAX_CHINESE : MAX_ENGLISH;
        if (points.isEmpty()) {
            return head + tail;
        }
        StringBuilder named = new StringBuilder();
        int shown = 0;
        for (AccountOverview.ProgrammePoints p : points) {
            String item = (shown == 0 ? "" : zh ? "，" : ", ") + name(p.name()) + " " + p.points();
            int left = points.size() - shown - 1;
            String more = left == 0 ? "" : more(zh, left);
            if (length(zh, head, named + item + more, tail) > limit) {
                break;
            }
            named.append(item);
            shown++;
        }
        String more = shown == points.size() ? "" : more(zh, points.size() - shown);
        more = named.length() == 0 ? more.strip() : more;
        String pointsText = zh ? "积分：" + named + more + "。" : " Points: " + named + more + ".";
        return head + pointsText + tail;
    }

    private static int length(boolean zh, String head, String items, String tail) {
        return head.length() + (zh ? "积分：。" : " Points: .").length() + items.length() + tail.length();
    }

    private static String more(boolean zh, int left) {
        return zh ? "等" + left + "项" : " +" + left + " more";
    }

    private static String name(String name) {
        return name.length() <= NAME_LENGTH ? name : name.substring(0, NAME_LENGTH);
    }

    /** A card as an SMS names it: its last four hex digits. */
    static String masked(String cardUid) {
        return "****" + cardUid.substring(Math.max(0, cardUid.length() - 4));
    }
}
