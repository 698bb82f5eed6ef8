package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bus in a process of its own (the test's class path, {@code TapBus run}), on free ports and a data folder that
 * survives restarts: what the crash tests kill with SIGKILL and start again.
 */
public final class BusProcess {
    public final int readerPort = RunningBus.freePort();
    public final int httpPort = RunningBus.freePort();
    private final Path data;
    private final Map<String, String> properties;

    public BusProcess(Path data, Map<String, String> properties) {
        this.data = data;
        this.properties = properties;
    }

    /** Starts the bus and waits until its reader port accepts connections. */
    public Process start() throws Exception {
        Files.createDirectories(data);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dtapbus.home=" + RunningBus.HOME,
                "-Dtapbus.data.dir=" + data,
                "-Dtapbus.reader.port=" + readerPort,
                "-Dcamel.server.port=" + httpPort,
                "-Dcamel.management.port=" + RunningBus.freePort(),
                "-Dtapbus.pos.port=" + RunningBus.freePort(),
                "-Dtapbus.broker.acceptor=tcp://127.0.0.1:" + RunningBus.freePort() + "?protocols=CORE",
                "-Dtapbus.broker.amqp-acceptor=",
                "-Dcamel.main.routes-reload-enabled=false",
                "-Dtapbus.rules.watch=false"));
        properties.forEach((key, value) -> cmd.add("-D" + key + "=" + value));
        cmd.addAll(List.of("io.tapbus.runtime.TapBus", "run"));
        Path log = data.resolve("bus-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket("127.0.0.1", readerPort)) {
                awaitRoutes(p, log, deadline);
                return p;
            } catch (java.io.IOException notYet) {
                assertThat(p.isAlive()).as("bus process died on start; see " + data).isTrue();
                Thread.sleep(250);
            }
        }
        throw new AssertionError("bus did not open the reader port in time");
    }

    /**
     * The reader port opens while Camel is still starting routes; the REST operations exist once Camel logs that the
     * context started (until then a REST call is a 404).
     */
    private static void awaitRoutes(Process p, Path log, long deadline) throws Exception {
        while (System.currentTimeMillis() < deadline) {
            if (Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1).contains("(tapbus) started in")) {
                return;
            }
            assertThat(p.isAlive()).as("bus process died on start; see " + log).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("the bus did not finish starting its routes in time; see " + log);
    }
}
