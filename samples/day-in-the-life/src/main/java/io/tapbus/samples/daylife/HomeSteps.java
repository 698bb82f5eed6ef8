package io.tapbus.samples.daylife;

import com.fasterxml.jackson.databind.JsonNode;

/** At home, in the phone app: a utility bill, an online purchase confirmed on the phone and partly refunded, the balance. */
final class HomeSteps {
    static final String BILLER = "city-power";
    private static final long BILL = 18650;
    private static final long ORDER = 2500;
    private static final long REFUND = 1000;
    private final Day day;
    private final Rest rest;

    HomeSteps(Day day) {
        this.day = day;
        this.rest = day.rest;
    }

    /** The electricity bill: asked for in the app, paid from the stored value; a second payment is refused. */
    void payTheElectricityBill(Biller biller) throws Exception {
        String ref = "EL-" + day.run;
        biller.owe(ref, BILL, "2026-12-20");
        Rest.Reply bill = rest.get("/app/bills/" + BILLER + "/" + ref, day.deviceToken);
        Rest.Reply paid = rest.post("/app/bills/" + BILLER + "/" + ref + "/payments", day.deviceToken, null);
        Rest.Reply again = rest.post("/app/bills/" + BILLER + "/" + ref + "/payments", day.deviceToken, null);
        boolean ok = bill.json().path("amountMinor").asLong() == BILL && paid.status() == 201 && again.status() == 409
                && again.text().contains("bill-already-paid");
        if (paid.status() == 201) {
            day.spent += BILL;
        }
        day.report.step("pay a utility bill", ok, "bill " + ref + " of " + BILLER + ": " + bill.field("status") + " "
                + Day.cny(bill.json().path("amountMinor").asLong()) + "; paid: HTTP " + paid.status() + " " + paid.field("billPaymentId")
                + ", receipt SMS " + (paid.json().path("smsMessageId").asText("-"))
                + "; paying again: HTTP " + again.status() + (ok ? "" : " " + paid.text() + " " + again.text()));
    }

    /** demo-shop's web shop asks for 25.00; the person confirms on the phone; the shop captures it and refunds 10.00. */
    void buyOnlineAndGetAPartialRefund() throws Exception {
        String shop = day.token("demo-shop");
        String order = "order-" + day.run;
        Rest.Reply created = rest.post("/checkout/payments", shop, "{\"orderId\":" + Rest.q(order) + ",\"amountMinor\":" + ORDER
                + ",\"currency\":\"CNY\",\"msisdn\":" + Rest.q(day.msisdn()) + ",\"basket\":[{\"sku\":\"MUG-01\",\"name\":\"Tea mug\","
                + "\"quantity\":1,\"unitPriceMinor\":" + ORDER + "}]}", "create-" + order);
        String id = created.field("checkoutId");
        Rest.Reply seen = rest.get("/app/checkout/" + id, day.deviceToken);
        Rest.Reply confirmed = rest.post("/app/checkout/" + id + "/confirm", day.deviceToken, null);
        Rest.Reply captured = rest.post("/checkout/payments/" + id + "/captures", shop, null, "capture-" + order);
        Rest.Reply refunded = rest.post("/checkout/payments/" + id + "/refunds", shop, "{\"amountMinor\":" + REFUND + "}", "refund-" + order);
        Rest.Reply tooMuch = rest.post("/checkout/payments/" + id + "/refunds", shop, "{\"amountMinor\":" + ORDER + "}", "refund2-" + order);
        boolean ok = created.status() == 201 && "AWAITING_CONFIRMATION".equals(seen.field("status"))
                && "AUTHORIZED".equals(confirmed.field("status")) && "CAPTURED".equals(captured.field("status"))
                && refunded.status() / 100 == 2 && refunded.json().path("refundedMinor").asLong() == REFUND
                && tooMuch.status() == 409 && tooMuch.text().contains("refund-exceeds-capture");
        if (ok) {
            day.spent += ORDER - REFUND;
        }
        day.report.step("buy online, refund", ok, "order " + order + " " + Day.cny(ORDER) + " at demo-shop: " + created.field("status")
                + ", confirmed on the phone: " + confirmed.field("status") + ", captured " + Day.cny(captured.json().path("capturedMinor").asLong())
                + ", refunded " + Day.cny(refunded.json().path("refundedMinor").asLong()) + " (" + refunded.field("status")
                + "); refunding " + Day.cny(ORDER) + " more: HTTP " + tooMuch.status()
                + (ok ? "" : " " + created.text() + " " + confirmed.text() + " " + captured.text() + " " + refunded.text()));
        day.report.note("the phone confirmation is the app's (POST /api/app/checkout/{id}/confirm with the device token); "
                + "the person may instead answer the bus's SMS prompt Y or N (docs/checkout.md, \"Confirming by SMS\"), not played here");
    }

    /** The balance the app shows is the morning's balance minus what the day moved; points per programme. */
    void checkTheBalance() throws Exception {
        long balance = day.balance();
        long expected = day.startBalance - day.spent;
        Rest.Reply memberships = rest.get("/app/memberships", day.deviceToken);
        StringBuilder points = new StringBuilder(); // the cards in use (a card retired by a newer one of its programme is listed too)
        for (JsonNode m : memberships.json().path("memberships")) {
            if (m.path("status").asText().equals("ACTIVE")) {
                points.append(points.isEmpty() ? "" : ", ").append(m.path("programmeId").asText()).append(' ')
                        .append(m.path("memberNumber").asText()).append(' ').append(m.path("points").asLong()).append(" points");
            }
        }
        boolean ok = balance == expected && memberships.status() == 200;
        day.report.step("check the balance", ok, "stored value " + Day.cny(balance) + " (morning " + Day.cny(day.startBalance)
                + " - the day's " + Day.cny(day.spent) + " = " + Day.cny(expected) + "); " + points);
    }
}
