package io.tapbus.samples.tag;

/** Entry point of tapbus-tag-simulator.jar: {@code genuine | forged | replay | batch}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(TagSimulator.run(args, System.out, System.err));
    }
}
