package io.tapbus.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.tapbus.rules.TestDecisions.TAP;
import static io.tapbus.rules.TestDecisions.replaceOnce;
import static io.tapbus.rules.TestDecisions.tapFile;
import static org.assertj.core.api.Assertions.assertThat;

class RuleSetVersionTest {

    private static String version(Path decisionsDir) throws Exception {
        return RuleFiles.read(TAP, decisionsDir.resolve(TAP)).version();
    }

    @Test
    void versionIsShaOfTheSortedRuleFilesPathAndContent(@TempDir Path dir) throws Exception {
        TestDecisions.write(dir.resolve("d/b.drl"), "rule b");
        TestDecisions.write(dir.resolve("d/a.csv"), "table a");
        var sha256 = java.security.MessageDigest.getInstance("SHA-256");
        for (String[] file : new String[][] {{"a.csv", "table a"}, {"b.drl", "rule b"}}) {
            sha256.update(file[0].getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(file[1].getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        String expected = java.util.HexFormat.of().formatHex(sha256.digest()).substring(0, 12);

        assertThat(RuleFiles.read("d", dir.resolve("d")).version()).isEqualTo(expected);
    }

    @Test
    void sameFilesGiveTheSameVersionWhereverTheyAre(@TempDir Path copy) throws Exception {
        TestDecisions.copyShipped(copy);

        assertThat(version(copy)).isEqualTo(version(TestDecisions.SHIPPED)).matches("[0-9a-f]{12}");
        try (RuleEngine first = new RuleEngine(TestDecisions.SHIPPED, DecisionCatalog.standard());
             RuleEngine second = new RuleEngine(copy, DecisionCatalog.standard())) {
            assertThat(first.servingVersions()).isEqualTo(second.servingVersions())
                    .containsEntry(TAP, version(copy));
            assertThat(second.reload().versions()).isEqualTo(first.servingVersions());
        }
    }

    @Test
    void changingAddingOrRenamingARuleFileChangesTheVersion(@TempDir Path dir) throws Exception {
        TestDecisions.copyShipped(dir);
        String original = version(dir);

        replaceOnce(tapFile(dir, "tap-limits.csv"), "CNY,50000,200000", "CNY,50000,200001");
        String changedContent = version(dir);
        Files.move(tapFile(dir, "tap-limits.csv"), tapFile(dir, "limits.csv"));
        String renamed = version(dir);
        TestDecisions.write(tapFile(dir, "extra/more.drl"), "package io.tapbus.rules.tap\n");
        String added = version(dir);

        assertThat(java.util.List.of(original, changedContent, renamed, added)).doesNotHaveDuplicates();
    }

    @Test
    void scenariosLockFilesAndOtherFilesDoNotCount(@TempDir Path dir) throws Exception {
        TestDecisions.copyShipped(dir);
        String original = version(dir);

        replaceOnce(tapFile(dir, "scenarios/blocked-card/input.json"), "\"BLOCKED\"", "\"REPLACED\"");
        TestDecisions.write(tapFile(dir, "scenarios/new-one/rules.drl"), "not a rule file: under scenarios/");
        TestDecisions.write(tapFile(dir, "~$tap-limits.xlsx"), "office lock file");
        TestDecisions.write(tapFile(dir, ".tap-authorize.drl.swp"), "editor swap file");
        TestDecisions.write(tapFile(dir, "NOTES.md"), "notes");

        assertThat(version(dir)).isEqualTo(original);
    }
}
