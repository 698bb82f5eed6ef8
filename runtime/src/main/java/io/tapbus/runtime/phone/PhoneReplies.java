package io.tapbus.runtime.phone;

import java.util.List;
import java.util.Map;

/**
 * The texts TapBus answers incoming commands with, in English or Chinese (the language of the command). Chinese goes
 * as UCS-2, in concatenated parts when long.
 */
final class PhoneReplies {
    private PhoneReplies() {
    }

    static String help(boolean zh) {
        return zh ? "TapBus 短信服务：余额 查询余额；明细 最近交易；挂失 挂失您的卡；是/否 回复支付确认；帮助 本说明。"
                : "TapBus: BAL balance, TX last payments, BLOCK block your card, Y or N answer a payment prompt,"
                        + " HELP this list.";
    }

    static String notRegistered(boolean zh) {
        return zh ? "您好，此号码未在 TapBus 登记，无法办理。如需帮助请联系发卡机构。"
                : "Hello, this number is not registered with TapBus, so we cannot act on its messages."
                        + " Please contact your card issuer.";
    }

    static String balance(boolean zh, String maskedCard, long minor, String currency, boolean blocked) {
        return zh ? "卡" + maskedCard + " 余额：" + amount(minor) + currencyZh(currency) + (blocked ? "（已挂失）" : "")
                : "Card " + maskedCard + ": " + amount(minor) + " " + currency + (blocked ? " (blocked)" : "");
    }

    static String noCard(boolean zh) {
        return zh ? "此号码名下没有卡。" : "There is no card for this number.";
    }

    static String history(boolean zh, String maskedCard, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return zh ? "卡" + maskedCard + " 暂无交易。" : "Card " + maskedCard + ": no transactions yet.";
        }
        StringBuilder s = new StringBuilder(zh ? "卡" + maskedCard + " 最近交易：" : "Card " + maskedCard + ", last:");
        for (Map<String, Object> r : rows) {
            String date = String.valueOf(r.get("created_at"));
            long minor = ((Number) r.get("amount_minor")).longValue();
            s.append(zh ? " " : " ").append(date, 5, Math.min(10, date.length())).append(' ')
                    .append(r.get("merchant_id")).append(' ').append(amount(minor)).append(' ').append(r.get("status"))
                    .append(zh ? "；" : ";");
        }
        return s.toString();
    }

    static String blocked(boolean zh, List<String> maskedCards) {
        if (maskedCards.isEmpty()) {
            return zh ? "没有可挂失的卡。" : "No active card to block.";
        }
        String cards = String.join(", ", maskedCards);
        return zh ? "卡" + cards + " 已挂失。解挂请联系发卡机构。"
                : "Card " + cards + " is blocked. Your card issuer can unblock it.";
    }

    static String noStepUp(boolean zh) {
        return zh ? "没有等待您确认的支付。" : "No payment waits for your answer.";
    }

    static String paymentAnswered(boolean zh, String status) {
        return switch (status) {
            case "APPROVED" -> zh ? "支付已确认并完成。" : "Payment confirmed and approved.";
            case "PENDING_BANK" -> zh ? "支付已确认，正在等待银行。" : "Payment confirmed, waiting for the bank.";
            case "PENDING_CARRIER" -> zh ? "支付已确认，正在等待运营商扣费。" : "Payment confirmed, waiting for the operator to bill it.";
            case "EXPIRED" -> zh ? "支付确认已超时。" : "Too late: the payment expired.";
            default -> zh ? "支付未完成（" + status + "）。" : "Payment not done (" + status + ").";
        };
    }

    static String notDone(boolean zh) {
        return zh ? "抱歉，暂时无法办理，请稍后再试。" : "Sorry, that could not be done now. Please try again later.";
    }

    static String refused(boolean zh) {
        return zh ? "已拒绝该支付。" : "Payment refused.";
    }

    static String stepUpPrompt(long minor, String currency, String merchant) {
        return "支付 " + amount(minor) + currencyZh(currency) + " 给 " + merchant + "？回复 是 确认，否 拒绝（2分钟内）。Pay "
                + amount(minor) + " " + currency + " to " + merchant + "? Reply Y or N.";
    }

    static String checkoutPrompt(long minor, String currency, String merchant, String orderId) {
        return "网购支付 " + amount(minor) + currencyZh(currency) + " 给 " + merchant + "（订单 " + orderId + "）？回复 是 确认，否 拒绝。Pay "
                + amount(minor) + " " + currency + " to " + merchant + " for order " + orderId + "? Reply Y or N.";
    }

    /** The answer to a Y or N about a checkout; {@code changed} false: it was answered (in the app) or ended before. */
    static String checkoutAnswered(boolean zh, String merchant, String status, boolean changed) {
        if (!changed) {
            return switch (status) {
                case "AUTHORIZED", "PARTIALLY_CAPTURED", "CAPTURED" -> zh ? "该网购支付已确认过，无需再次回复。"
                        : "Already done: your payment to " + merchant + " was confirmed before.";
                case "DECLINED" -> zh ? "该网购支付已拒绝过。" : "Already done: your payment to " + merchant + " was refused before.";
                default -> zh ? "该网购支付已结束（" + status + "）。" : "Your payment to " + merchant + " has ended (" + status + ").";
            };
        }
        return switch (status) {
            case "AUTHORIZED" -> zh ? "网购支付已确认，款项已为商户冻结。" : "Payment to " + merchant + " confirmed; the amount is held for the shop.";
            case "EXPIRED" -> zh ? "网购支付确认已超时。" : "Too late: the payment to " + merchant + " expired.";
            case "DECLINED" -> zh ? "网购支付已拒绝或余额不足。" : "Payment to " + merchant + " declined (refused, or the balance is too low).";
            default -> zh ? "网购支付未完成（" + status + "）。" : "Payment to " + merchant + " not done (" + status + ").";
        };
    }

    static String amount(long minor) {
        return (minor < 0 ? "-" : "") + Math.abs(minor) / 100 + "." + String.format("%02d", Math.abs(minor) % 100);
    }

    private static String currencyZh(String currency) {
        return "CNY".equals(currency) ? "元" : " " + currency;
    }
}
