package io.tapbus.samples.daylife;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The command line of {@code bin/tapbus day-in-the-life}. */
record Options(String bus, String readerHost, int readerPort, String broker, Path home, String msisdn, String cardUid,
               String cardPan, String deviceToken, int billerPort, long eventsWaitMillis) {

    static final String USAGE = """
            usage: bin/tapbus day-in-the-life [--bus url] [--reader host:port] [--broker url] [--home dir]
                                              [--msisdn number] [--card uid] [--card-pan pan] [--device-token token]
                                              [--biller-port port] [--events-wait-seconds S]
              One person's day against a running bus (the embedded default with its demo data) and its simulators;
              one line per step, a summary, exit 1 when a step's outcome is not the expected one.
              --bus url               the bus's HTTP address (http://127.0.0.1:8080)
              --reader host:port      the reader port the gates use (127.0.0.1:7400)
              --broker url            the broker for the partners' events (tcp://127.0.0.1:61616)
              --home dir              the TapBus folder with config/demo-keys (the launcher's folder)
              --msisdn number         the person's phone (+8613800000001, the demo user)
              --card uid              the person's universal card (04A1B2C3D4E5F6)
              --card-pan pan          its payment application's PAN, tapped at the till (default: the demo card's)
              --device-token token    the phone app's token; without it the app is registered and the one-time code
                                      that bin/tapbus smsc-sim prints is asked for on the console
              --biller-port port      where the sample serves the utility's bill inquiry (7720; 0 = any free port)
              --events-wait-seconds S how long to wait for the partners' events at the end (20)""";

    private static final List<String> NAMES = List.of("bus", "reader", "broker", "home", "msisdn", "card", "card-pan", "device-token",
            "biller-port", "events-wait-seconds");

    static Options parse(String... args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !NAMES.contains(a.substring(2))) {
                throw new IllegalArgumentException("unknown option " + a);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            o.put(a.substring(2), args[++i]);
        }
        String reader = o.getOrDefault("reader", "127.0.0.1:7400");
        int colon = reader.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--reader is HOST:PORT");
        }
        return new Options(o.getOrDefault("bus", "http://127.0.0.1:8080"), reader.substring(0, colon),
                number("reader", reader.substring(colon + 1)), o.getOrDefault("broker", "tcp://127.0.0.1:61616"),
                Path.of(o.getOrDefault("home", System.getProperty("tapbus.home", "."))).toAbsolutePath().normalize(),
                o.getOrDefault("msisdn", "+8613800000001"), o.getOrDefault("card", "04A1B2C3D4E5F6"),
                o.getOrDefault("card-pan", "6212340000000001"), o.get("device-token"),
                number("biller-port", o.getOrDefault("biller-port", "7720")),
                number("events-wait-seconds", o.getOrDefault("events-wait-seconds", "20")) * 1000L);
    }

    private static int number(String name, String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 0 || n > 65535) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number from 0 to 65535: " + value);
        }
    }
}
