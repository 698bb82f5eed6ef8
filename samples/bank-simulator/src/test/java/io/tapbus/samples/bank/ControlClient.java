package io.tapbus.samples.bank;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Talks to the control port: one command, its reply lines. Tests only. */
final class ControlClient {

    private ControlClient() {
    }

    static List<String> command(int port, String command) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            out.print(command + "\n");
            out.flush();
            List<String> lines = new ArrayList<>();
            String line = in.readLine();
            lines.add(line);
            if (command.equals("journal")) {
                while (!"end".equals(line)) {
                    line = in.readLine();
                    lines.add(line);
                }
            }
            return lines;
        }
    }
}
