package io.tapbus.samples.daylife;

/**
 * Before the day: each demo partner gets its own credential (the admin mints it, as a partner's operator would), the
 * partners start listening to their events, the metro and the utility are registered, the phone app is registered.
 */
final class Setup {
    private Setup() {
    }

    static void morning(Day day, Biller biller, Phone phone) throws Exception {
        day.merchantPartner(TransitSteps.SELLER, "Shanghai Metro");
        day.merchantPartner(HomeSteps.BILLER, "City Power");
        Rest.Reply registered = day.rest.post("/bills/billers", day.adminToken, "{\"billerId\":\"" + HomeSteps.BILLER
                + "\",\"category\":\"ELECTRICITY\",\"inquiryUrl\":" + Rest.q(biller.inquiryUrl()) + "}");
        if (registered.status() / 100 != 2) {
            throw new IllegalStateException("biller registration: HTTP " + registered.status() + " " + registered.text());
        }
        String[][] roles = {{"demo-shop", "merchant"}, {"demo-cafe", "merchant"}, {"demo-media", "advertiser"},
            {"demo-maker", "manufacturer"}, {"demo-bank", "issuer"}, {TransitSteps.SELLER, "ticket-seller"}, {HomeSteps.BILLER, "merchant"}};
        for (String[] r : roles) {
            String token = day.credential(r[0], r[1]);
            if (Main.EXPECTED_EVENTS.containsKey(r[0])) {
                day.events.listen(r[0], token);
            }
        }
        day.deviceToken = day.options.deviceToken() != null ? day.options.deviceToken() : register(day, phone);
        Rest.Reply accounts = day.rest.get("/app/accounts", day.deviceToken);
        day.accountId = accounts.json().path("accounts").path(0).path("accountId").asText();
        day.startBalance = day.balance();
        day.report.info("partners " + String.join(", ", Main.EXPECTED_EVENTS.keySet()) + " listening on JMS; phone app of "
                + day.msisdn() + " registered; stored value " + Day.cny(day.startBalance) + " (account " + day.accountId + ")");
    }

    private static String register(Day day, Phone phone) throws Exception {
        Rest.Reply started = day.rest.post("/app/registrations", null, "{\"msisdn\":" + Rest.q(day.msisdn()) + "}");
        if (started.status() != 202) {
            throw new IllegalStateException("app registration: HTTP " + started.status() + " " + started.text());
        }
        String code = phone.code(day.msisdn());
        Rest.Reply verified = day.rest.post("/app/registrations/" + started.field("registrationId") + "/verify", null,
                "{\"code\":" + Rest.q(code) + ",\"deviceName\":\"day-in-the-life phone\"}");
        if (verified.status() != 201) {
            throw new IllegalStateException("app registration not verified: HTTP " + verified.status() + " " + verified.text());
        }
        return verified.field("token");
    }
}
