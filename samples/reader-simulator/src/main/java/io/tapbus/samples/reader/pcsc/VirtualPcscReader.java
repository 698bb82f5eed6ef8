package io.tapbus.samples.reader.pcsc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;

/**
 * A virtual card reader on the real PC/SC stack, for tests and demos: Debian's pcscd in the foreground with a private
 * reader configuration (the vpcd driver on a free port), and the TapBus card ({@code samples/pcsc-card/tapbus_card.py})
 * in vicc as a separate process, which can be "taken away" by killing it. pcscd serves the fixed socket
 * /run/pcscd/pcscd.comm (pcscd 1.9 does not take another), so only one stack can run at a time on a machine. Every
 * process is killed on {@link #close()} and, should the JVM die first, by a shutdown hook.
 */
public final class VirtualPcscReader implements AutoCloseable {

    public static final String PCSCD = "/usr/sbin/pcscd";
    public static final String VPCD_DRIVER = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so";
    public static final String PYTHON = "/usr/bin/python3";
    public static final String LIBPCSCLITE = "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1";
    public static final String INSTALL =
            "apt-get install -y pcscd vsmartcard-vpcd python3-virtualsmartcard python3-pycryptodome";
    /** The vpcd reader's name, FRIENDLYNAME plus pcscd's "00 00" (reader 0 of slot 0). */
    public static final String READER = "TapBus vpcd 00 00";
    private static final Path RUN_DIR = Paths.get("/run/pcscd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Path dir;
    private final int port;
    private final Process pcscd;
    private final Thread shutdownHook;
    private final List<Process> cards = new ArrayList<>();
    private TerminalFactory factory;

    private VirtualPcscReader(Path dir, int port, Process pcscd) {
        this.dir = dir;
        this.port = port;
        this.pcscd = pcscd;
        this.shutdownHook = new Thread(this::killAll, "pcsc-stack-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Why the stack cannot run here, with the command that fixes it; empty when it can. */
    public static Optional<String> missing() {
        List<String> absent = new ArrayList<>();
        for (String file : List.of(PCSCD, VPCD_DRIVER, PYTHON, LIBPCSCLITE)) {
            if (!Files.exists(Paths.get(file))) {
                absent.add(file);
            }
        }
        if (absent.isEmpty()) {
            try {
                Process check = new ProcessBuilder(PYTHON, script().toString(), "--help")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
                    check.destroyForcibly();
                    absent.add("the Python modules virtualsmartcard and Cryptodome");
                }
            } catch (IOException | InterruptedException e) {
                absent.add("a runnable " + PYTHON + " (" + e.getMessage() + ")");
            }
        }
        if (!absent.isEmpty()) {
            return Optional.of("the real PC/SC stack is not installed (missing: " + String.join(", ", absent)
                    + "); as root: " + INSTALL);
        }
        Path runDirParent = RUN_DIR.getParent();
        if (!Files.isWritable(Files.isDirectory(RUN_DIR) ? RUN_DIR : runDirParent)) {
            return Optional.of("pcscd must create its socket in " + RUN_DIR + ", which this user cannot write; "
                    + "run the tests as root or give this user that directory");
        }
        Optional<Long> running = runningPcscd();
        if (running.isPresent()) {
            return Optional.of("a pcscd (pid " + running.get() + ") already serves /run/pcscd/pcscd.comm; stop it "
                    + "(systemctl stop pcscd.socket pcscd), the test starts its own");
        }
        return Optional.empty();
    }

    /** The TapBus card script, found from the module directory up to the project root. */
    public static Path script() {
        for (Path at = Paths.get("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("samples/pcsc-card/tapbus_card.py");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("samples/pcsc-card/tapbus_card.py not found above " + Paths.get("")
                .toAbsolutePath());
    }

    /** Starts pcscd with the vpcd driver on a free port and waits until the PC/SC provider lists its reader. */
    public static VirtualPcscReader start() throws IOException, InterruptedException {
        removeStaleDaemonFiles();
        Path dir = Files.createTempDirectory("tapbus-pcsc");
        int port = freePortPair();
        Path config = Files.createDirectory(dir.resolve("reader.conf.d"));
        Files.writeString(config.resolve("vpcd"), "FRIENDLYNAME \"TapBus vpcd\"\nDEVICENAME /dev/null:" + port
                + "\nLIBPATH " + VPCD_DRIVER + "\nCHANNELID " + port + "\n");
        Process pcscd = new ProcessBuilder(PCSCD, "--foreground", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("pcscd.log").toFile()).start();
        VirtualPcscReader reader = new VirtualPcscReader(dir, port, pcscd);
        try {
            reader.awaitReader();
            return reader;
        } catch (IOException | RuntimeException | InterruptedException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * The platform's PC/SC provider (sun.security.smartcardio, SunPCSC). {@code TerminalFactory.getDefault()} is
     * fixed once per JVM when the class is first loaded; when that happened before pcscd ran (another test used
     * javax.smartcardio first) it is the "None" factory, so the same provider is then asked for by its type.
     */
    public TerminalFactory factory() {
        return factory;
    }

    public CardTerminal terminal() throws CardException {
        CardTerminal terminal = factory.terminals().getTerminal(READER);
        if (terminal == null) {
            throw new CardException("pcscd lists no reader named '" + READER + "'");
        }
        return terminal;
    }

    /** Puts a TapBus card on the reader: starts vicc with the card script and waits until pcscd sees the card. */
    public Process insertCard(String... cardArguments) throws IOException, InterruptedException, CardException {
        List<String> command = new ArrayList<>(List.of(PYTHON, script().toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port)));
        command.addAll(List.of(cardArguments));
        Process card = new ProcessBuilder(command).redirectError(dir.resolve("card-" + cards.size() + ".log")
                .toFile()).start();
        cards.add(card);
        BufferedReader out = new BufferedReader(new InputStreamReader(card.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String line = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!"ready".equals(line)) {
                throw new IllegalStateException("the card script did not connect to vpcd: " + log("card-"
                        + (cards.size() - 1) + ".log"));
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            card.destroyForcibly();
            throw new IllegalStateException("the card script did not start: " + e);
        }
        if (!terminal().waitForCardPresent(START_TIMEOUT.toMillis())) {
            throw new IllegalStateException("pcscd did not see the card on " + READER);
        }
        return card;
    }

    /**
     * Takes the card away the hard way: the vicc process is killed, vpcd sees its socket close; returns once pcscd
     * reports the reader empty (it polls the driver, so that is a moment later).
     */
    public void removeCard(Process card) throws InterruptedException, CardException {
        card.destroyForcibly();
        card.waitFor(10, TimeUnit.SECONDS);
        if (!terminal().waitForCardAbsent(START_TIMEOUT.toMillis())) {
            throw new IllegalStateException("pcscd still sees a card on " + READER);
        }
    }

    public String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "(no " + name + ")";
        }
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }

    private void killAll() {
        for (Process card : cards) {
            card.destroyForcibly();
        }
        pcscd.destroy(); // SIGTERM: pcscd removes its socket and pid file
        try {
            if (!pcscd.waitFor(10, TimeUnit.SECONDS)) {
                pcscd.destroyForcibly();
                pcscd.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            pcscd.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        removeStaleDaemonFiles();
    }

    private void awaitReader() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String lastError = "";
        while (System.nanoTime() < deadline) {
            if (!pcscd.isAlive()) {
                throw new IOException("pcscd stopped: " + log("pcscd.log"));
            }
            try {
                TerminalFactory candidate = TerminalFactory.getDefault();
                if (!"PC/SC".equals(candidate.getType())) {
                    candidate = TerminalFactory.getInstance("PC/SC", null);
                }
                if (candidate.terminals().list().stream().anyMatch(t -> t.getName().equals(READER))) {
                    factory = candidate;
                    return;
                }
            } catch (CardException | java.security.NoSuchAlgorithmException e) {
                lastError = e.toString();
            }
            Thread.sleep(200);
        }
        throw new IOException("pcscd did not list " + READER + " within " + START_TIMEOUT.toSeconds() + " s "
                + lastError + ": " + log("pcscd.log"));
    }

    /** A pcscd killed with SIGKILL leaves its socket and pid file, and the next one refuses to start. */
    private static void removeStaleDaemonFiles() {
        if (runningPcscd().isEmpty()) {
            try {
                Files.deleteIfExists(RUN_DIR.resolve("pcscd.comm"));
                Files.deleteIfExists(RUN_DIR.resolve("pcscd.pid"));
            } catch (IOException e) {
                // pcscd will say why it cannot start
            }
        }
    }

    private static Optional<Long> runningPcscd() {
        try {
            long pid = Long.parseLong(Files.readString(RUN_DIR.resolve("pcscd.pid")).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** vpcd listens on the configured port for reader 0 and on the next one for reader 1: both must be free. */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0)) {
                int port = first.getLocalPort();
                if (port < 65535) {
                    try (ServerSocket second = new ServerSocket(port + 1)) {
                        return port;
                    } catch (IOException taken) {
                        // try another
                    }
                }
            }
        }
        throw new IOException("no two free consecutive ports");
    }
}
