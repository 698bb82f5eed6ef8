package io.tapbus.samples.daylife;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The person's phone: the one-time code the bus sent by SMS to register the phone app. On the command line the code
 * is what the SMSC simulator printed ({@code >>> one-time code 123456}), typed in; a test reads it from the SMSC it runs.
 */
public interface Phone {
    String code(String msisdn) throws IOException, InterruptedException;

    /** Asks for the code on the console. */
    static Phone console(PrintStream out) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return msisdn -> {
            out.print("   type the one-time code the SMSC simulator printed for " + msisdn + ": ");
            out.flush();
            String line = in.readLine();
            if (line == null) {
                throw new IOException("no code on standard input (give --device-token TOKEN instead)");
            }
            return line.strip();
        };
    }
}
