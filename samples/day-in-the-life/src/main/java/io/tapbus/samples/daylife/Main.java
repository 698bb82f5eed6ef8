package io.tapbus.samples.daylife;

import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * {@code bin/tapbus day-in-the-life}: one person's day against a running bus through its public interfaces only (REST
 * with the demo partners' own credentials, the reader port for the gates, JMS for the partners' events), one line per
 * step, then whether every partner received its events and a summary. Exit 0 when every outcome is the expected one.
 */
public final class Main {
    /** The business events each partner must receive during the day. */
    static final Map<String, List<String>> EXPECTED_EVENTS = expected();

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, null, (request, response) -> { }));
    }

    /**
     * Runs the day; the exit code (0 all as expected, 1 a step was not, 2 bad options).
     *
     * @param phone    where the SMS code comes from when no --device-token is given (null: the console)
     * @param observer sees every REST exchange (a test holds them to the OpenAPI document)
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Phone phone,
            BiConsumer<HttpRequest, HttpResponse<String>> observer) {
        Options options;
        try {
            if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
                out.println(Options.USAGE);
                return 0;
            }
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("day-in-the-life: " + e.getMessage());
            err.println(Options.USAGE);
            return 2;
        }
        Report report = new Report(out);
        out.println("A day in the life of " + options.msisdn() + " (card " + options.cardUid() + ") on " + options.bus());
        try (PartnerEvents events = new PartnerEvents(options.broker());
             Biller biller = new Biller(options.billerPort())) {
            Day day = new Day(options, new Rest(options.bus(), observer), report, events);
            Setup.morning(day, biller, phone == null ? Phone.console(out) : phone);
            StoreSteps store = new StoreSteps(day);
            TransitSteps transit = new TransitSteps(day);
            HomeSteps home = new HomeSteps(day);
            step(report, "merge two store cards", store::mergeTwoStoreCards);
            step(report, "coupon from tag scan", store::couponFromATagScan);
            step(report, "pay with discount", store::payWithTheDiscount);
            step(report, "ticket at a gate", transit::rideThroughAGate);
            step(report, "offline gate, sync", transit::offlineGateSyncsLater);
            step(report, "pay a utility bill", () -> home.payTheElectricityBill(biller));
            step(report, "buy online, refund", home::buyOnlineAndGetAPartialRefund);
            step(report, "check the balance", home::checkTheBalance);
            partnersHeard(report, events, options.eventsWaitMillis());
        } catch (Exception e) {
            report.broke("setup", e);
        }
        report.summary();
        return report.failed().isEmpty() ? 0 : 1;
    }

    interface Step {
        void run() throws Exception;
    }

    private static void step(Report report, String name, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            report.broke(name, e);
        }
    }

    private static void partnersHeard(Report report, PartnerEvents events, long waitMillis) throws InterruptedException {
        Map<String, List<String>> received = events.await(EXPECTED_EVENTS, waitMillis);
        Map<String, List<String>> missing = events.missing(EXPECTED_EVENTS);
        received.forEach((partner, types) -> {
            List<String> lacking = missing.getOrDefault(partner, List.of());
            report.step("events to " + partner, lacking.isEmpty(), types.size() + " event(s) by JMS: "
                    + String.join(", ", types.stream().distinct().toList()) + (lacking.isEmpty() ? "" : "; MISSING " + lacking));
        });
    }

    private static Map<String, List<String>> expected() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("demo-shop", List.of("membership.merged", "points.earned", "payment.checkout-authorized", "payment.checkout-captured",
                "payment.checkout-refunded"));
        m.put("demo-cafe", List.of("membership.merged"));
        m.put("demo-media", List.of("coupon.issued", "coupon.claimed", "coupon.redeemed", "campaign.budget"));
        m.put(TransitSteps.SELLER, List.of("ticket.issued", "ticket.validated"));
        m.put(HomeSteps.BILLER, List.of("bill.paid"));
        return java.util.Collections.unmodifiableMap(m);
    }
}
