package io.tapbus.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One run of a Node.js AMQP client script from {@code src/test/amqp} (rhea): the JSON lines it prints, as they
 * come. {@link #install()} runs {@code npm ci} there when {@code node_modules} is missing or older than the lock
 * file, so a fresh clone needs only the machine's Node.js and npm; without them the test fails and says so.
 */
final class NodeAmqpClient implements AutoCloseable {
    static final Path DIR = Path.of("src", "test", "amqp").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 30;

    private final Process process;
    private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
    private final StringBuffer output = new StringBuffer();

    private NodeAmqpClient(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readLines, "node-amqp-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Node.js 18 or newer and the script's packages, installed from its package-lock.json. */
    static synchronized void install() throws Exception {
        String version = runOrFail(List.of("node", "--version")).strip();
        int major = Integer.parseInt(version.replaceFirst("^v(\\d+).*", "$1"));
        if (major < 18) {
            throw new AssertionError("the AMQP client test needs Node.js 18 or newer, found " + version);
        }
        Path installed = DIR.resolve("node_modules/.package-lock.json");
        Path lock = DIR.resolve("package-lock.json");
        if (!Files.exists(installed) || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) < 0) {
            runOrFail(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"));
        }
    }

    /** Starts {@code node SCRIPT ARGS} with these environment settings (TAPBUS_AMQP_PORT, TAPBUS_KEY_ID, ...). */
    static NodeAmqpClient start(Map<String, String> env, String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", DIR.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("TAPBUS_"));
        builder.environment().putAll(env);
        return new NodeAmqpClient(builder.start());
    }

    /** The next JSON line whose {@code event} is this one, skipping others. */
    JsonNode await(String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            JsonNode line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && event.equals(line.path("event").asText())) {
                return line;
            }
        }
        throw new AssertionError("no '" + event + "' line from the Node.js client within " + WAIT_SECONDS + " s; it printed:\n" + output);
    }

    /** Waits for the script to end and returns the JSON lines not read yet. */
    List<JsonNode> finish() throws InterruptedException {
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("the Node.js client did not end within " + WAIT_SECONDS + " s; it printed:\n" + output);
        }
        Thread.sleep(100); // the reader thread takes the last lines
        List<JsonNode> rest = new ArrayList<>();
        lines.drainTo(rest);
        return rest;
    }

    int exitCode() throws InterruptedException {
        process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        return process.exitValue();
    }

    String output() {
        return output.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith("{")) {
                    lines.add(JSON.readTree(line));
                }
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    private static String runOrFail(List<String> command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        } catch (IOException notFound) {
            throw new AssertionError("the AMQP client test runs a Node.js client: '" + command.get(0) + "' is not on the PATH"
                    + " (Node.js 18+ with npm; Debian: apt-get install nodejs npm)", notFound);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed in " + DIR + ":\n" + out);
        }
        return out;
    }
}
