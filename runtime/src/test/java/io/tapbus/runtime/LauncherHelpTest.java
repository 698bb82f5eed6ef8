package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/tapbus itself: its help lists every command and subcommand, and every one of them answers {@code --help} and
 * {@code -h} with exit 0 and builds nothing, even on a fresh clone where the jars do not exist yet.
 */
class LauncherHelpTest {

    private static final Path LAUNCHER = RunningBus.HOME.resolve("bin/tapbus");

    /** Every command of bin/tapbus and its subcommands, as the launcher and the tools it runs dispatch them. */
    static final Map<String, List<String>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("run", List.of());
        COMMANDS.put("rules", List.of("test", "replay"));
        COMMANDS.put("tag", List.of("verify"));
        COMMANDS.put("iso8583", List.of("decode", "encode"));
        COMMANDS.put("emv", List.of("arqc"));
        COMMANDS.put("reader-sim", List.of("tap", "heartbeat", "pay", "agent", "bench", "gate", "gate-sync", "member-add"));
        COMMANDS.put("bench", List.of());
        COMMANDS.put("reader-agent", List.of());
        COMMANDS.put("tag-sim", List.of("genuine", "forged", "replay", "batch", "bench", "jmh"));
        COMMANDS.put("bank-sim", List.of());
        COMMANDS.put("operator-sim", List.of());
        COMMANDS.put("smsc-sim", List.of());
        COMMANDS.put("mmsc-sim", List.of("send"));
        COMMANDS.put("day-in-the-life", List.of());
        COMMANDS.put("build", List.of());
        COMMANDS.put("help", List.of());
    }

    @TempDir
    Path home;

    @Test
    void theLauncherRunsNoCommandTheListLacks() throws Exception {
        Matcher label = Pattern.compile("(?m)^  ([a-z0-9-]+)\\)$").matcher(Files.readString(LAUNCHER));
        List<String> handled = new ArrayList<>();
        while (label.find()) {
            handled.add(label.group(1));
        }
        assertThat(handled).isNotEmpty();
        assertThat(COMMANDS.keySet()).containsAll(handled);
    }

    @Test
    void theFullHelpListsEveryCommandAndSubcommand() throws Exception {
        String script = Files.readString(LAUNCHER);
        int list = script.indexOf("cat <<'TXT'");
        String launcherList = script.substring(list, script.indexOf("\nTXT\n", list));
        assertListsEveryCommand(runtimeHelp() + launcherList);
    }

    @Test
    void withoutTheJarsEveryCommandAnswersHelpWithTheCommandListAndBuildsNothing() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.copy(LAUNCHER, bin.resolve("tapbus"));
        Path mvnw = home.resolve("mvnw"); // a build would run this: it leaves a mark
        Files.writeString(mvnw, "#!/bin/sh\ntouch \"$(dirname \"$0\")/BUILT\"\nexit 1\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));

        List<List<String>> calls = new ArrayList<>();
        calls.add(List.of());
        for (Map.Entry<String, List<String>> command : COMMANDS.entrySet()) {
            for (String help : List.of("--help", "-h")) {
                calls.add(List.of(command.getKey(), help));
                command.getValue().forEach(sub -> calls.add(List.of(command.getKey(), sub, help)));
            }
        }
        calls.add(List.of("reader-sim", "tap", "--reader", "R-DEMO-1", "-h"));
        for (List<String> call : calls) {
            String out = launch(bin.resolve("tapbus"), call);
            if (call.size() > 0 && call.get(0).equals("build")) {
                assertThat(out).startsWith("usage: bin/tapbus build"); // its own one line, needs no jar
            } else {
                assertListsEveryCommand(out);
            }
            assertThat(home.resolve("BUILT")).as("bin/tapbus " + String.join(" ", call) + " started a build").doesNotExist();
        }
    }

    private static void assertListsEveryCommand(String help) {
        List<String> lines = help.lines().map(String::strip).map(l -> l.startsWith("bin/tapbus ") ? l.substring(11) : l)
                .toList();
        for (Map.Entry<String, List<String>> command : COMMANDS.entrySet()) {
            String name = command.getKey();
            List<String> about = lines.stream()
                    .filter(l -> l.equals(name) || l.startsWith(name + " ") || l.startsWith(name + ",")).toList();
            assertThat(about).as("a line for " + name + " in:\n" + help).isNotEmpty();
            for (String sub : command.getValue()) {
                assertThat(about).as(name + " " + sub + " listed").anyMatch(l -> Pattern.compile("\\b" + sub + "\\b").matcher(l).find());
            }
        }
    }

    private String launch(Path launcher, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(args);
        Path out = home.resolve("out.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(home.resolve("err.txt").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("bin/tapbus " + args + " ended").isTrue();
        assertThat(process.exitValue()).as("bin/tapbus " + String.join(" ", args) + ": " + Files.readString(home.resolve("err.txt")))
                .isZero();
        return Files.readString(out);
    }

    private static String runtimeHelp() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(TapBus.execute(new String[] {"--help"})).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
