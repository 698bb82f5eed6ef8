package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.reader.ReasonCode;
import io.tapbus.connector.tag.TagVerdict;
import io.tapbus.rules.tag.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The codes the tools name come from {@link ReasonCode} and {@link TagVerdict}; these keep them in step with what the
 * bus really sends: the rules on disk (DRL and scenarios) and the runtime's own reasons.
 */
class ReasonCodesTest {

    private static final Path DECISIONS = RunningBus.HOME.resolve("rules/decisions");
    private static final Path RUNTIME_SOURCES = Path.of("src/main/java");
    private static final Pattern GIVEN = Pattern.compile("\\b(?:decline|refer|reason)\\(\"([A-Z][A-Z0-9_]*)\"");
    private static final Pattern VERDICT = Pattern.compile("\\bverdict\\(\"([A-Z][A-Z0-9_]*)\"\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyReasonTheTapAndPaymentRulesGiveIsAReasonCode() throws IOException {
        Set<String> given = new TreeSet<>();
        for (String decision : List.of("tap-authorize", "payment-authorize")) {
            given.addAll(matches(GIVEN, drl(decision)));
            given.addAll(scenarioReasons(decision));
        }
        assertThat(given).as("reason codes found in the rules").contains("CRYPTOGRAM_INVALID", "ATC_REPLAYED");
        assertThat(names(ReasonCode.values())).as("ReasonCode holds every code of the rules").containsAll(given);
    }

    @Test
    void everyReasonCodeIsOneTheBusGives() throws IOException {
        String rules = drl("tap-authorize") + drl("payment-authorize");
        String runtime = sources(RUNTIME_SOURCES);
        for (ReasonCode code : ReasonCode.values()) {
            assertThat(rules.contains("\"" + code + "\"") || runtime.contains("ReasonCode." + code))
                    .as(code + " is given by a rule or by the runtime (else it is a code the bus never sends)").isTrue();
        }
    }

    @Test
    void theTagVerdictsAreTheOnesTheTagRulesGive() throws IOException {
        Set<String> given = matches(VERDICT, drl("tag-authenticity"));
        given.addAll(List.of(Finding.COUNTERFEIT, Finding.UNKNOWN, Finding.SUSPECT));
        assertThat(given).containsExactlyInAnyOrderElementsOf(names(TagVerdict.values()));
    }

    private static String drl(String decision) throws IOException {
        return Files.readString(DECISIONS.resolve(decision).resolve(decision + ".drl"));
    }

    private static Set<String> scenarioReasons(String decision) throws IOException {
        Set<String> reasons = new TreeSet<>();
        try (Stream<Path> files = Files.walk(DECISIONS.resolve(decision).resolve("scenarios"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("expected.json")).toList()) {
                JsonNode expected = JSON.readTree(file.toFile());
                expected.path("reasons").forEach(reason -> reasons.add(reason.asText()));
            }
        }
        return reasons;
    }

    private static String sources(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
            return all.toString();
        }
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static Set<String> names(Enum<?>[] values) {
        return Stream.of(values).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
