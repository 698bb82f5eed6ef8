package io.tapbus.samples.tag;

/** Entry point of tapbus-tag-simulator.jar: {@code genuine | forged | replay | batch | bench | jmh}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("bench")) {
            System.exit(ScanLoadGenerator.run(args, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("jmh")) {
            // the bare verification rate: JMH's own command line after "jmh" (default: SunVerifyBenchmark)
            String[] jmh = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length)
                    : new String[] {SunVerifyBenchmark.class.getSimpleName()};
            for (int i = 0; i < jmh.length; i++) {
                if (jmh[i].equals("--help")) {
                    jmh[i] = "-h"; // JMH's own spelling of help
                }
            }
            org.openjdk.jmh.Main.main(jmh);
            return;
        }
        System.exit(TagSimulator.run(args, System.out, System.err));
    }
}
