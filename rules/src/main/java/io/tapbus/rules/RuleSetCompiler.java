package io.tapbus.rules;

import io.tapbus.rules.RuleFiles.Kind;
import io.tapbus.rules.RuleFiles.RuleFile;
import org.drools.compiler.compiler.DescrBuildError;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.io.ResourceFactory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the rule files of one decision into a KieBase (classic DRL mode), or into problems that name
 * the file and line.
 *
 * <p>Decision tables are compiled to DRL here with {@link SpreadsheetCompiler} rather than handed to
 * the KnowledgeBuilder as DTABLE resources: Drools caches compiled tables by source path, which would
 * serve the old table after a hot reload. Compiling them here also lets problems in the generated DRL
 * point back at the table row.
 */
final class RuleSetCompiler {
    /** Drools writes this comment above every rule it generates from a table row. */
    private static final Pattern TABLE_ROW_MARKER = Pattern.compile("^// rule values at [A-Z]+(\\d+)");
    private static final Pattern TABLE_RULE_NAME = Pattern.compile("^rule \"(.*)\"");
    private static final Pattern CELL_REFERENCE = Pattern.compile("\\bcell [A-Z]+(\\d+)");
    private static final Pattern UNANALYSABLE_EXPRESSION = Pattern.compile("Unable to Analyse Expression (.+?):\\s*\\[Error");
    private static final String NULL_PACKAGE_NOISE = "Parser returned a null Package";

    record Outcome(KieBase kieBase, int ruleCount, List<RuleProblem> problems, List<RuleProblem> warnings) {
        boolean ok() {
            return kieBase != null;
        }
    }

    private final ClassLoader classLoader;

    RuleSetCompiler(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    Outcome compile(RuleFiles ruleFiles) {
        String decision = ruleFiles.decision();
        if (ruleFiles.isEmpty()) {
            return failed(new RuleProblem(decision, decision, 0,
                    "no rule files (*.drl, *.csv, *.xls, *.xlsx) in the decision folder"));
        }
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, String[]> drlLinesByFile = new HashMap<>();
        Map<String, String[]> generatedDrlByFile = new HashMap<>();
        KnowledgeBuilderConfiguration configuration =
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, classLoader);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(configuration);
        CompositeKnowledgeBuilder batch = builder.batch();
        for (RuleFile file : ruleFiles.files()) {
            byte[] drl = withoutByteOrderMark(file.content());
            if (file.kind() != Kind.DRL) {
                try {
                    String generated = compileTable(file.kind(), drl);
                    generatedDrlByFile.put(file.displayPath(), generated.split("\n", -1));
                    drl = generated.getBytes(StandardCharsets.UTF_8);
                } catch (RuntimeException e) {
                    problems.add(tableProblem(decision, file, e));
                    continue;
                }
            }
            drlLinesByFile.put(file.displayPath(), new String(drl, StandardCharsets.UTF_8).split("\\R", -1));
            Resource resource = ResourceFactory.newByteArrayResource(drl);
            resource.setSourcePath(file.displayPath());
            batch.add(resource, ResourceType.DRL);
        }
        try {
            batch.build();
        } catch (RuntimeException e) {
            problems.add(new RuleProblem(decision, decision, 0, "rules do not build: " + oneLine(e.toString())));
        }
        problems.addAll(results(decision, builder, drlLinesByFile, generatedDrlByFile, ResultSeverity.ERROR));
        List<RuleProblem> warnings = results(decision, builder, drlLinesByFile, generatedDrlByFile, ResultSeverity.WARNING);
        if (!problems.isEmpty()) {
            return new Outcome(null, 0, List.copyOf(problems), warnings);
        }
        KieBase kieBase = builder.newKieBase();
        int ruleCount = kieBase.getKiePackages().stream().map(KiePackage::getRules).mapToInt(Collection::size).sum();
        if (ruleCount == 0) {
            return failed(new RuleProblem(decision, decision, 0, "the rule files define no rules"));
        }
        return new Outcome(kieBase, ruleCount, List.of(), warnings);
    }

    /** Excel's "CSV UTF-8" and some Windows editors start the file with a byte order mark Drools does not expect. */
    private static byte[] withoutByteOrderMark(byte[] content) {
        boolean bom = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF;
        return bom ? Arrays.copyOfRange(content, 3, content.length) : content;
    }

    private static String compileTable(Kind kind, byte[] content) {
        InputType type = kind == Kind.CSV_TABLE ? InputType.CSV : InputType.XLS;
        String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(content), type);
        if (drl == null || drl.isBlank()) {
            throw new IllegalArgumentException("no RuleSet / RuleTable found in the decision table");
        }
        return drl;
    }

    private static RuleProblem tableProblem(String decision, RuleFile file, RuntimeException e) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && message.indexOf(t.getMessage()) < 0) {
                message.append(message.isEmpty() ? "" : ": ").append(t.getMessage());
            }
        }
        String text = message.isEmpty() ? e.toString() : message.toString();
        Matcher cell = CELL_REFERENCE.matcher(text);
        int row = cell.find() ? Integer.parseInt(cell.group(1)) : 0;
        return new RuleProblem(decision, file.displayPath(), row, "decision table: " + oneLine(text));
    }

    private static List<RuleProblem> results(String decision, KnowledgeBuilder builder, Map<String, String[]> drlLinesByFile,
                                             Map<String, String[]> generatedDrlByFile, ResultSeverity severity) {
        List<RuleProblem> found = new ArrayList<>();
        for (KnowledgeBuilderResult result : builder.getResults(severity)) {
            String file = result.getResource() != null && result.getResource().getSourcePath() != null
                    ? result.getResource().getSourcePath() : decision;
            String message = oneLine(result.getMessage());
            int line = firstLine(result.getLines());
            if (line <= 0) {
                line = recoverLine(result, message, drlLinesByFile.get(file));
            }
            String[] generated = generatedDrlByFile.get(file);
            if (generated != null) {
                TableRow row = tableRowOf(generated, line);
                line = row.row();
                message = (row.ruleName() == null ? "decision table: " : "decision table row, rule \"" + row.ruleName() + "\": ")
                        + message;
            }
            found.add(new RuleProblem(decision, file, line, message));
        }
        boolean hasRealProblems = found.stream().anyMatch(p -> !p.message().contains(NULL_PACKAGE_NOISE));
        if (hasRealProblems) {
            found.removeIf(p -> p.message().contains(NULL_PACKAGE_NOISE));
        }
        return found;
    }

    private record TableRow(int row, String ruleName) {
    }

    /** The table row (from Drools' marker comment) of the generated rule that holds a line of generated DRL. */
    private static TableRow tableRowOf(String[] generatedLines, int generatedLine) {
        int last = Math.min(generatedLine, generatedLines.length);
        String ruleName = null;
        for (int i = last - 1; i >= 0; i--) {
            String text = generatedLines[i].trim();
            Matcher name = TABLE_RULE_NAME.matcher(text);
            if (name.find() && ruleName == null) {
                ruleName = name.group(1);
            }
            Matcher marker = TABLE_ROW_MARKER.matcher(text);
            if (marker.find()) {
                return new TableRow(Integer.parseInt(marker.group(1)), ruleName);
            }
        }
        return new TableRow(0, null);
    }

    /**
     * Drools gives no line for some errors inside a pattern (a misspelt field, say) but knows the rule
     * they are in: look for the expression it could not analyse inside that rule, else name the rule's
     * first line.
     */
    private static int recoverLine(KnowledgeBuilderResult result, String message, String[] drlLines) {
        if (!(result instanceof DescrBuildError error) || error.getParentDescr() == null || drlLines == null) {
            return 0;
        }
        int ruleStart = error.getParentDescr().getLine();
        int ruleEnd = Math.max(ruleStart, error.getParentDescr().getEndLine());
        Matcher expression = UNANALYSABLE_EXPRESSION.matcher(message);
        if (ruleStart > 0 && expression.find()) {
            String text = expression.group(1).strip();
            for (int line = ruleStart; line <= Math.min(ruleEnd, drlLines.length); line++) {
                if (drlLines[line - 1].contains(text)) {
                    return line;
                }
            }
        }
        return Math.max(ruleStart, 0);
    }

    private static int firstLine(int[] lines) {
        if (lines != null) {
            for (int line : lines) {
                if (line > 0) {
                    return line;
                }
            }
        }
        return 0;
    }

    /** Drools messages span lines and carry a caret line; problems are one line each. */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String line : message.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.equals("^")) {
                continue;
            }
            out.append(out.isEmpty() ? "" : " ").append(trimmed);
        }
        return out.toString();
    }

    private static Outcome failed(RuleProblem problem) {
        return new Outcome(null, 0, List.of(problem), List.of());
    }
}
